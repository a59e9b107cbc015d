package io.tarn.core.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The Netty server: one port for HTTP/1.1 and HTTP/2 cleartext (prior knowledge), requests
 * handed to a {@link Dispatcher} whose blocking work runs on {@code workers}.
 */
public final class TarnServer implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final Channel channel;

    private TarnServer(EventLoopGroup boss, EventLoopGroup io, Channel channel) {
        this.boss = boss;
        this.io = io;
        this.channel = channel;
    }

    /** Initializes Netty's transport classes ahead of the first {@link #start}. */
    public static void preload() {
        disableJfrEvents();
        NioIoHandler.newFactory();
        ByteBufAllocator.DEFAULT.buffer(1).release();
    }

    private static void disableJfrEvents() {
        // Netty's JFR events generate classes while it starts (about 100 ms); -Dio.netty.jfr.enabled=true brings them back.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
    }

    /** Binds {@code host:port} (0 for a free port) and starts serving plain HTTP. */
    public static TarnServer start(String host, int port, Dispatcher dispatcher, ExecutorService workers) {
        return start(host, port, dispatcher, workers, null);
    }

    /** Binds {@code host:port} and starts serving; with {@code tls}, TLS connections too, on the same port. */
    public static TarnServer start(String host, int port, Dispatcher dispatcher, ExecutorService workers,
            @Nullable SslContext tls) {
        disableJfrEvents();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // streamed bodies pause above 1 MiB queued per connection, not Netty's 64 KiB
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
                    .childHandler(new TarnChannelInitializer(dispatcher, workers, tls))
                    .bind(host, port)
                    .sync()
                    .channel();
            return new TarnServer(boss, io, ch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            io.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        // Bounded waits: a stop must end even if an event loop does not answer (seen once, not reproduced).
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
