package io.tarn.benchmark;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A low-overhead closed-loop load: {@code connections} keep-alive HTTP/1.1 connections, each
 * sending the same prepared request again as soon as the previous answer is in, for a fixed time.
 */
final class RawHttpLoad {

    /** What a run measured. */
    record Result(long requests, long errors, double seconds, LatencyRecorder latencies) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private RawHttpLoad() {}

    static Result run(URI endpoint, int connections, double seconds, String path, Map<String, String> headers, byte[] body)
            throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        LatencyRecorder latencies = new LatencyRecorder();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        CountDownLatch done = new CountDownLatch(connections);
        long started = System.nanoTime();
        try {
            for (int i = 0; i < connections; i++) {
                Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 << 20),
                                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                                            long sentAt;

                                            @Override
                                            public void channelActive(ChannelHandlerContext ctx) {
                                                send(ctx.channel());
                                            }

                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                                latencies.record(System.nanoTime() - sentAt);
                                                requests.incrementAndGet();
                                                if (r.status().code() != 200) {
                                                    errors.incrementAndGet();
                                                }
                                                if (System.nanoTime() < deadline) {
                                                    send(ctx.channel());
                                                } else {
                                                    ctx.close();
                                                    done.countDown();
                                                }
                                            }

                                            private void send(Channel ch) {
                                                sentAt = System.nanoTime();
                                                ch.writeAndFlush(request(endpoint, path, headers, body));
                                            }
                                        });
                            }
                        });
                b.connect(endpoint.getHost(), endpoint.getPort()).sync();
            }
            done.await((long) seconds + 30, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        return new Result(requests.get(), errors.get(), (System.nanoTime() - started) / 1e9, latencies);
    }

    private static FullHttpRequest request(URI endpoint, String path, Map<String, String> headers, byte[] body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.HOST, endpoint.getHost() + ":" + endpoint.getPort());
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach((k, v) -> r.headers().set(k, v));
        return r;
    }
}
