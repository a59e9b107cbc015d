package io.tarn.s3.engine;

import java.nio.ByteBuffer;

/** An upload's bytes on their way in (a PutObject, an UploadPart): written part by part, or dropped. */
public interface PendingBody {

    void write(ByteBuffer data);

    /** Drops what was written; safe after a failed commit. */
    void abort();
}
