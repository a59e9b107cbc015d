package io.tarn.core.store.blob;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a committed blob lives: a file of the {@link BlobStore} named by {@code id}, or, when
 * {@code inline} is not null, its sealed bytes carried by the metadata record itself (small
 * objects then cost no file), or, when {@code detached}, those sealed bytes kept by the record's
 * owner under the id (one copy, however many records point at them), to be {@link #attach}ed
 * before they are read. Either way the bytes are encrypted; {@code length} is the plaintext
 * length. It is persisted inside model records, so it must stay CBOR-friendly.
 *
 * <p>The id is checked to be 32 lowercase hex characters because it becomes a file name: a
 * damaged or hostile metadata record must not be able to point the store outside its directory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlobRef(String id, long length, byte @Nullable [] inline,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean detached) {

    public BlobRef(String id, long length, byte @Nullable [] inline) {
        this(id, length, inline, false);
    }

    public BlobRef {
        Objects.requireNonNull(id, "id");
        if (!BlobFormat.isValidId(id)) {
            throw new IllegalArgumentException("not a blob id: " + id);
        }
        if (length < 0) {
            throw new IllegalArgumentException("blob " + id + " has a negative length " + length);
        }
        if (detached && inline != null) {
            throw new IllegalArgumentException("blob " + id + " is detached from its bytes, yet carries them");
        }
        inline = inline == null ? null : inline.clone();
    }

    /** This inline blob without its sealed bytes, which the caller keeps under {@link #id}. */
    public BlobRef detach() {
        if (inline == null) {
            throw new IllegalStateException("blob " + id + " is not inline");
        }
        return new BlobRef(id, length, null, true);
    }

    /** This detached blob with its sealed bytes back, ready to be read. */
    public BlobRef attach(byte[] sealed) {
        if (!detached) {
            throw new IllegalStateException("blob " + id + " is not detached");
        }
        return new BlobRef(id, length, sealed, false);
    }

    /**
     * Whether the sealed bytes are in this ref rather than in a file. (Not {@code isInline}: Jackson
     * would take that for a second "inline" property.)
     */
    public boolean inlined() {
        return inline != null;
    }

    /** A copy of the inline sealed bytes, or null for a blob kept in a file. */
    @Override
    public byte @Nullable [] inline() {
        return inline == null ? null : inline.clone();
    }

    /** The inline bytes without a copy, for the reader; never modified. */
    byte @Nullable [] inlineBytes() {
        return inline;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlobRef
                && id.equals(((BlobRef) other).id)
                && length == ((BlobRef) other).length
                && detached == ((BlobRef) other).detached
                && Arrays.equals(inline, ((BlobRef) other).inline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, length, detached, Arrays.hashCode(inline));
    }

    @Override
    public String toString() {
        return "BlobRef[id=" + id + ", length=" + length
                + (inline == null ? "" : ", inline=" + inline.length + " sealed bytes") + (detached ? ", detached" : "") + "]";
    }
}
