package io.tarn.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.tarn.core.spi.BodySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
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

    @Test
    void aCancelDuringAPumpLeavesTheSourceToTheWorkerThatReadsIt() {
        EmbeddedChannel channel = channel();
        Parts source = new Parts();
        for (int i = 0; i < 40; i++) {
            source.add(new byte[64 * 1024]);
        }
        ResponseStreamer[] streamer = new ResponseStreamer[1];
        source.onNext = n -> {
            if (n == 3) {
                streamer[0].cancel(); // the client leaves while the worker is inside next()
            }
        };
        AtomicBoolean last = new AtomicBoolean();
        streamer[0] = new ResponseStreamer(context(channel), source, new InlineExecutor(), f -> last.set(true));

        channel.eventLoop().execute(streamer[0]::start);
        channel.runPendingTasks();

        assertThat(source.closedWhileReading).isFalse();
        assertThat(source.closes).isEqualTo(1);
        assertThat(source.reads).isEqualTo(3); // nothing pulled after the cancel was seen
        assertThat(outboundBytes(channel)).isZero(); // the half-gathered write was dropped, not sent
        assertThat(last).isFalse();
        assertAllReleased(channel);
    }

    @Test
    void aCancelBeforeTheStartClosesTheSourceWithoutReadingIt() {
        EmbeddedChannel channel = channel();
        Parts source = new Parts();
        source.add(new byte[64 * 1024]);
        ResponseStreamer streamer = new ResponseStreamer(context(channel), source, new InlineExecutor(), f -> { });

        streamer.cancel();
        streamer.start();
        channel.runPendingTasks();

        assertThat(source.reads).isZero();
        assertThat(source.closes).isEqualTo(1);
        assertAllReleased(channel);
    }

    @Test
    void aCancelWhileTheWorkerHandsTheSourceBackIsClosedByTheEventLoop() {
        EmbeddedChannel channel = channel();
        Parts source = new Parts();
        source.add(new byte[10]);
        source.parts.add(ByteBuffer.allocate(0)); // a live source with nothing yet: the worker returns it
        source.add(new byte[5]);
        ResponseStreamer streamer = new ResponseStreamer(context(channel), source, new InlineExecutor(), f -> { });

        streamer.start(); // the pump runs inline and schedules its hand-back
        streamer.cancel(); // before the hand-back ran: the source is not the event loop's yet
        assertThat(source.closes).isZero();

        channel.advanceTimeBy(20, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();

        assertThat(source.closes).isEqualTo(1);
        assertThat(source.reads).isEqualTo(2); // the second pass never started
        assertThat(outboundBytes(channel)).isEqualTo(10);
        assertAllReleased(channel);
    }

    @Test
    void aSourceThatFailsMidWriteHasItsBufferReleasedAndTheConnectionClosed() {
        EmbeddedChannel channel = channel();
        Parts source = new Parts();
        source.add(new byte[64 * 1024]);
        source.add(new byte[64 * 1024]);
        source.onNext = n -> {
            if (n == 3) {
                throw new IllegalStateException("a segment failed authentication");
            }
        };
        ResponseStreamer streamer = new ResponseStreamer(context(channel), source, new InlineExecutor(), f -> { });

        channel.eventLoop().execute(streamer::start);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(source.closes).isEqualTo(1);
        assertThat(outboundBytes(channel)).isZero();
        streamer.cancel(); // channelInactive follows: the source stays closed once
        assertThat(source.closes).isEqualTo(1);
        assertAllReleased(channel);
    }

    @Test
    void aFailedWriteStopsThePumpAndReleasesEveryBuffer() {
        TrackingAllocator allocator = new TrackingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg); // what the transport does with a write to a reset socket
                promise.setFailure(new IOException("Connection reset by peer"));
                ctx.close();
            }
        }, new ChannelInboundHandlerAdapter());
        channel.config().setAllocator(allocator);
        Parts source = new Parts();
        for (int i = 0; i < 40; i++) {
            source.add(new byte[64 * 1024]);
        }
        ResponseStreamer streamer = new ResponseStreamer(channel.pipeline().lastContext(), source, new InlineExecutor(), f -> { });

        channel.eventLoop().execute(streamer::start);
        channel.runPendingTasks();
        streamer.cancel(); // as channelInactive does
        channel.runPendingTasks();

        assertThat(source.reads).isLessThan(40); // it stopped pulling once the connection was gone
        assertThat(source.closes).isEqualTo(1);
        assertThat(allocator.buffers).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void aConnectionClosedBeforeTheFirstWriteReadsNothingAndClosesTheSource() {
        EmbeddedChannel channel = channel();
        Parts source = new Parts();
        source.add(new byte[64 * 1024]);
        ResponseStreamer streamer = new ResponseStreamer(context(channel), source, new InlineExecutor(), f -> { });
        channel.close(); // channelInactive ran before the answer was ready: no cancel() will come

        streamer.start();
        channel.runPendingTasks();

        assertThat(source.reads).isZero();
        assertThat(source.closes).isEqualTo(1);
        streamer.cancel(); // harmless if it does come
        assertThat(source.closes).isEqualTo(1);
        assertAllReleased(channel);
    }

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.config().setAllocator(new TrackingAllocator());
        return channel;
    }

    /** Every buffer the streamer took from the channel's allocator was released (outbound messages are released first). */
    private static void assertAllReleased(EmbeddedChannel channel) {
        outboundBytes(channel);
        TrackingAllocator allocator = (TrackingAllocator) channel.config().getAllocator();
        assertThat(allocator.buffers).allSatisfy(b -> assertThat(b.refCnt()).as("refCnt").isZero());
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

    /** Records the buffers it hands out, so a test can check that each was released. */
    private static final class TrackingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> buffers = new ArrayList<>();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return track(Unpooled.buffer(initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return track(Unpooled.directBuffer(initialCapacity, maxCapacity));
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private ByteBuf track(ByteBuf buf) {
            buffers.add(buf);
            return buf;
        }
    }

    private static final class Parts implements BodySource {
        final Deque<ByteBuffer> parts = new ArrayDeque<>();
        boolean closed;
        int closes;
        int reads;
        boolean reading;
        boolean closedWhileReading;
        IntConsumer onNext = n -> { };

        void add(byte[] bytes) {
            parts.add(ByteBuffer.wrap(bytes));
        }

        @Override
        public long length() {
            return parts.stream().mapToLong(ByteBuffer::remaining).sum();
        }

        @Override
        public ByteBuffer next() {
            if (closed) {
                throw new IllegalStateException("read after close");
            }
            reading = true;
            try {
                onNext.accept(++reads);
                return parts.poll();
            } finally {
                reading = false;
            }
        }

        @Override
        public void close() {
            closedWhileReading |= reading;
            closed = true;
            closes++;
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
