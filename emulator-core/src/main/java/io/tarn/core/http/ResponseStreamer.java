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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link BodySource} after its response head. Parts are pulled on a worker (reading and
 * decrypting may block), and only while the channel is writable: when the client falls behind,
 * pulling stops until {@link #writabilityChanged} says the socket drained.
 *
 * <p>The source is not thread-safe, so exactly one thread owns it at a time: the worker inside
 * {@link #pump()} while {@code pumping}, the event loop otherwise. {@link #cancel()} only marks the
 * stream; whichever thread owns the source when it sees the mark closes it. A client that
 * abandons a download therefore never has its reader closed under a worker that is reading it.
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
    /** Set on the event loop, read by the worker between parts. */
    private volatile boolean cancelled;
    /** A worker owns the source (or its hand-back to the event loop is queued). Event loop only. */
    private boolean pumping;
    private boolean ended; // event loop only
    /** Only the source's current owner reads or writes this; hand-offs go through executors. */
    private boolean sourceClosed;

    /** {@code onLastWrite} gets the future of the last write, on the event loop. */
    ResponseStreamer(ChannelHandlerContext ctx, BodySource source, ExecutorService workers, Consumer<ChannelFuture> onLastWrite) {
        this.ctx = ctx;
        this.source = source;
        this.workers = workers;
        this.onLastWrite = onLastWrite;
    }

    /** Starts pulling; call on the event loop after the head was written. */
    void start() {
        if (!ctx.channel().isActive()) {
            // the client left while the answer was prepared: channelInactive may have run before this
            // streamer existed, so nothing else would ever cancel it
            cancel();
            return;
        }
        if (cancelled) {
            closeSource();
            return;
        }
        schedule();
    }

    /** The channel's writability changed: resume pulling if it drained. Event loop. */
    void writabilityChanged() {
        if (!pumping && !ended && !cancelled && ctx.channel().isWritable()) {
            schedule();
        }
    }

    /**
     * The connection went away: stop pulling. Event loop. The source is closed here only if no
     * worker owns it; otherwise the worker closes it when it sees the mark.
     */
    void cancel() {
        cancelled = true;
        ended = true;
        if (!pumping) {
            closeSource();
        }
    }

    private void schedule() {
        pumping = true;
        try {
            workers.execute(this::pump);
        } catch (RejectedExecutionException e) { // shutting down: the event loop still owns the source
            pumping = false;
            cancel();
            ctx.close();
        }
    }

    /** Runs on a worker, which owns the source until it returns. */
    private void pump() {
        ByteBuf buf = null;
        try {
            while (!cancelled && ctx.channel().isWritable()) {
                // parts are gathered into writes of up to WRITE_BYTES: each write from a worker is
                // a task for the event loop, and per 64 KiB segment those tasks would dominate
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
                    if (cancelled || buf.readableBytes() >= WRITE_BYTES - part.capacity()) {
                        break;
                    }
                }
                if (buf != null) {
                    ByteBuf out = buf;
                    buf = null; // the write owns it now: Netty releases it once sent, or when the write fails
                    if (cancelled) {
                        out.release();
                    } else {
                        ctx.writeAndFlush(new DefaultHttpContent(out));
                    }
                }
                if (part == null) {
                    closeSource();
                    ctx.executor().execute(this::finish);
                    return;
                }
                if (idle) { // ask again shortly, without holding this worker
                    ctx.executor().schedule(this::handBack, IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
            }
            if (cancelled) {
                closeSource();
                return; // pumping stays set: nothing may pull from a cancelled stream again
            }
            ctx.executor().execute(this::handBack);
        } catch (RuntimeException | Error e) {
            if (buf != null) {
                buf.release();
            }
            closeSource();
            if (cancelled) { // the client left first: nothing went wrong on our side
                log.debug("a response body ended after its client went away", e);
            } else {
                // the head is out: the only way left to tell the client is to cut the connection
                log.warn("streaming a response body failed; closing the connection", e);
                ctx.close();
            }
            if (e instanceof Error) {
                throw (Error) e;
            }
        }
    }

    /** The worker returned the source to the event loop: go on if the channel drained, or close it if cancelled meanwhile. */
    private void handBack() {
        pumping = false;
        if (cancelled) {
            closeSource();
        } else {
            writabilityChanged(); // it may have drained while this pass was ending
        }
    }

    /** The whole body is written: end the response. Event loop. */
    private void finish() {
        if (ended) {
            return; // cancelled while the last part was read: the connection is gone
        }
        ended = true;
        onLastWrite.accept(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    /** Called only by the thread that owns the source. */
    private void closeSource() {
        if (!sourceClosed) {
            sourceClosed = true;
            try {
                source.close();
            } catch (RuntimeException e) {
                log.debug("closing a response body failed", e);
            }
        }
    }
}
