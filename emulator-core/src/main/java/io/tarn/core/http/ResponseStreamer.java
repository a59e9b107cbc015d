package io.tarn.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.tarn.core.spi.BodySource;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link BodySource} after its response head. Parts are pulled on a worker (reading and
 * decrypting may block), and only while the channel is writable: when the client falls behind,
 * pulling stops until {@link #writabilityChanged} says the socket drained.
 */
final class ResponseStreamer {

    private static final Logger log = LoggerFactory.getLogger(ResponseStreamer.class);
    private static final int WRITE_BYTES = 512 * 1024;
    /** How soon a live source that had nothing (an event stream between events) is asked again. */
    private static final long IDLE_POLL_MILLIS = 20;

    private final ChannelHandlerContext ctx;
    private final BodySource source;
    private final ExecutorService workers;
    private final Consumer<ChannelFuture> onLastWrite;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean pumping; // event loop only
    private boolean ended; // event loop only

    /** {@code onLastWrite} gets the future of the last write, on the event loop. */
    ResponseStreamer(ChannelHandlerContext ctx, BodySource source, ExecutorService workers, Consumer<ChannelFuture> onLastWrite) {
        this.ctx = ctx;
        this.source = source;
        this.workers = workers;
        this.onLastWrite = onLastWrite;
    }

    /** Starts pulling; call on the event loop after the head was written. */
    void start() {
        schedule();
    }

    /** The channel's writability changed: resume pulling if it drained. Event loop. */
    void writabilityChanged() {
        if (!pumping && !ended && ctx.channel().isWritable()) {
            schedule();
        }
    }

    /** The connection went away: stop and release the source. */
    void cancel() {
        ended = true;
        close();
    }

    private void schedule() {
        pumping = true;
        try {
            workers.execute(this::pump);
        } catch (RejectedExecutionException e) { // shutting down
            cancel();
            ctx.close();
        }
    }

    private void pump() {
        try {
            while (ctx.channel().isWritable() && !closed.get()) {
                // parts are gathered into writes of up to WRITE_BYTES: each write from a worker is
                // a task for the event loop, and per 64 KiB segment those tasks would dominate
                ByteBuf buf = null;
                ByteBuffer part;
                boolean idle = false;
                while ((part = source.next()) != null) {
                    if (!part.hasRemaining()) {
                        idle = true; // a live source with nothing yet
                        break;
                    }
                    if (buf == null) {
                        buf = ctx.alloc().buffer(Math.max(part.remaining(), WRITE_BYTES));
                    }
                    buf.writeBytes(part);
                    if (buf.readableBytes() >= WRITE_BYTES - part.capacity()) {
                        break;
                    }
                }
                if (buf != null) {
                    ctx.writeAndFlush(new DefaultHttpContent(buf));
                }
                if (part == null) {
                    close();
                    ctx.executor().execute(() -> {
                        ended = true;
                        onLastWrite.accept(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
                    });
                    return;
                }
                if (idle) { // ask again shortly, without holding this worker
                    ctx.executor().schedule(() -> {
                        pumping = false;
                        writabilityChanged();
                    }, IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
            }
            ctx.executor().execute(() -> {
                pumping = false;
                writabilityChanged(); // it may have drained while this pass was ending
            });
        } catch (RuntimeException e) {
            // the head is out: the only way left to tell the client is to cut the connection
            log.warn("streaming a response body failed; closing the connection", e);
            close();
            ctx.close();
        }
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                source.close();
            } catch (RuntimeException e) {
                log.debug("closing a response body failed", e);
            }
        }
    }
}
