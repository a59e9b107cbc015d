package io.tarn.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.tarn.core.spi.BodySource;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body pump on an embedded channel: workers run inline, the event loop's tasks on demand. */
class ResponseStreamerTest {

    @Test
    void aBodyLargerThanOneWriteIsSentWithoutWaiting() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        Parts source = new Parts();
        for (int i = 0; i < 40; i++) { // 2.5 MiB in 64 KiB parts: several writes of 512 KiB
            source.add(new byte[64 * 1024]);
        }
        AtomicBoolean last = new AtomicBoolean();
        ResponseStreamer streamer = new ResponseStreamer(context(channel), source, new InlineExecutor(), f -> last.set(true));

        channel.eventLoop().execute(streamer::start);
        channel.runPendingTasks(); // no time passes: a pause between writes would leave the body unfinished

        assertThat(outboundBytes(channel)).isEqualTo(40 * 64 * 1024);
        assertThat(last).isTrue();
        assertThat(source.closed).isTrue();
    }

    @Test
    void aLiveSourceWithNothingYetIsAskedAgainLater() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        Parts source = new Parts();
        source.add(new byte[10]);
        source.parts.add(ByteBuffer.allocate(0)); // nothing yet
        source.add(new byte[5]);
        ResponseStreamer streamer = new ResponseStreamer(context(channel), source, new InlineExecutor(), f -> { });

        channel.eventLoop().execute(streamer::start);
        channel.runPendingTasks();
        assertThat(outboundBytes(channel)).isEqualTo(10);

        channel.advanceTimeBy(20, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        assertThat(outboundBytes(channel)).isEqualTo(5);
    }

    private static ChannelHandlerContext context(EmbeddedChannel channel) {
        return channel.pipeline().firstContext();
    }

    /** Bytes of the HTTP contents written so far (and released). */
    private static long outboundBytes(EmbeddedChannel channel) {
        long total = 0;
        Object message;
        while ((message = channel.readOutbound()) != null) {
            if (message instanceof HttpContent) {
                ByteBuf content = ((HttpContent) message).content();
                total += content.readableBytes();
                ((HttpContent) message).release();
            }
        }
        return total;
    }

    private static final class Parts implements BodySource {
        final Deque<ByteBuffer> parts = new ArrayDeque<>();
        boolean closed;

        void add(byte[] bytes) {
            parts.add(ByteBuffer.wrap(bytes));
        }

        @Override
        public long length() {
            return parts.stream().mapToLong(ByteBuffer::remaining).sum();
        }

        @Override
        public ByteBuffer next() {
            return parts.poll();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Runs each task at once on the calling thread. */
    private static final class InlineExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
