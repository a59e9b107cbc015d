package io.tarn.benchmark;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A low-overhead closed-loop load: {@code connections} keep-alive HTTP/1.1 connections, each
 * sending its next request as soon as the previous answer is in, for a fixed time or a fixed
 * number of requests. Response bodies are counted, never gathered, so gigabytes can stream back.
 */
final class RawHttpLoad {

    /** What a run measured. */
    record Result(long requests, long errors, double seconds, long responseBytes, LatencyRecorder latencies) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** The n-th request (0-based, across all connections) of a run. */
    @FunctionalInterface
    interface Requests {
        FullHttpRequest next(long n);
    }

    private RawHttpLoad() {}

    /** The same POST again and again (an awsJson call). */
    static Result run(URI endpoint, int connections, double seconds, String path, Map<String, String> headers, byte[] body)
            throws InterruptedException {
        return run(endpoint, connections, seconds, Long.MAX_VALUE, n -> request(endpoint, HttpMethod.POST, path, headers, body));
    }

    /** Up to {@code maxRequests} requests from {@code requests}, for at most {@code seconds}. */
    static Result run(URI endpoint, int connections, double seconds, long maxRequests, Requests requests)
            throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicLong issued = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
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
                                ch.pipeline().addLast(new HttpClientCodec(4096, 64 * 1024, 1 << 20),
                                        new SimpleChannelInboundHandler<HttpObject>() {
                                            long sentAt;

                                            @Override
                                            public void channelActive(ChannelHandlerContext ctx) {
                                                sendOrStop(ctx.channel());
                                            }

                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                                if (msg instanceof HttpResponse) {
                                                    int status = ((HttpResponse) msg).status().code();
                                                    if (status < 200 || status > 299) {
                                                        errors.incrementAndGet();
                                                    }
                                                }
                                                if (msg instanceof HttpContent) {
                                                    bytes.addAndGet(((HttpContent) msg).content().readableBytes());
                                                }
                                                if (msg instanceof LastHttpContent) {
                                                    latencies.record(System.nanoTime() - sentAt);
                                                    completed.incrementAndGet();
                                                    sendOrStop(ctx.channel());
                                                }
                                            }

                                            private void sendOrStop(Channel ch) {
                                                long n = issued.getAndIncrement();
                                                if (System.nanoTime() < deadline && n < maxRequests) {
                                                    sentAt = System.nanoTime();
                                                    ch.writeAndFlush(requests.next(n));
                                                } else {
                                                    ch.close();
                                                    done.countDown();
                                                }
                                            }
                                        });
                            }
                        });
                b.connect(endpoint.getHost(), endpoint.getPort()).sync();
            }
            done.await((long) seconds + 300, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        return new Result(completed.get(), errors.get(), (System.nanoTime() - started) / 1e9, bytes.get(), latencies);
    }

    static FullHttpRequest request(URI endpoint, HttpMethod method, String path, Map<String, String> headers, byte[] body) {
        return request(endpoint, method, path, headers, Unpooled.wrappedBuffer(body));
    }

    /**
     * A request that sends {@code body} (released once written). A direct buffer goes to the
     * socket as it is; Netty copies a heap buffer into direct memory first, and for a 64 MiB body
     * that is fresh memory at every request, which kept the client's one thread busy.
     */
    static FullHttpRequest request(URI endpoint, HttpMethod method, String path, Map<String, String> headers, ByteBuf body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, body);
        r.headers().set(HttpHeaderNames.HOST, endpoint.getHost() + ":" + endpoint.getPort());
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        headers.forEach((k, v) -> r.headers().set(k, v));
        return r;
    }
}
