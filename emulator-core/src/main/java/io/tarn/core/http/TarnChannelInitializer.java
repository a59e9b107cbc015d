package io.tarn.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a connection's pipeline once its first bytes are known: the HTTP/2 connection preface
 * (h2c with prior knowledge, as the SDK's async clients send to an http:// endpoint) gets an
 * HTTP/2 codec whose streams are turned into the same HTTP objects as HTTP/1.1; anything else is
 * HTTP/1.1. With TLS on, a connection that starts with a TLS handshake gets the TLS handler first
 * and the same choice inside it.
 */
final class TarnChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger log = LoggerFactory.getLogger(TarnChannelInitializer.class);

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The first byte of a TLS connection: a handshake record. No HTTP request starts with it. */
    private static final int TLS_HANDSHAKE = 0x16;

    private final Dispatcher dispatcher;
    private final ExecutorService workers;
    private final @Nullable SslContext tls;

    TarnChannelInitializer(Dispatcher dispatcher, ExecutorService workers, @Nullable SslContext tls) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("detect", new PrefaceDetector(tls != null));
    }

    private final class PrefaceDetector extends ByteToMessageDecoder {
        private final boolean tlsAllowed;

        PrefaceDetector(boolean tlsAllowed) {
            this.tlsAllowed = tlsAllowed;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (tlsAllowed && in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE) {
                // TLS on the same port: decrypt first, then tell HTTP/2 from HTTP/1.1 by the
                // bytes inside, whether or not the client negotiated the protocol by ALPN
                ChannelPipeline p = ctx.pipeline();
                p.addAfter(ctx.name(), "tls", tls.newHandler(ctx.alloc()));
                p.addAfter("tls", "detect-in-tls", new PrefaceDetector(false));
                p.remove(this);
                return;
            }
            int n = Math.min(in.readableBytes(), PREFACE.length);
            boolean h2 = ByteBufUtil.equals(in, in.readerIndex(), Unpooled.wrappedBuffer(PREFACE), 0, n);
            if (h2 && n < PREFACE.length) {
                return; // could still be HTTP/2: wait for the rest of the preface
            }
            ChannelPipeline p = ctx.pipeline();
            if (h2) {
                p.addAfter(ctx.name(), "h2", Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(1000).maxHeaderListSize(MAX_HEADER_BYTES))
                        .build());
                p.addAfter("h2", "h2-mux", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                        stream.pipeline().addLast(new HttpExchangeHandler(dispatcher, workers, true));
                    }
                }));
            } else {
                p.addAfter(ctx.name(), "http", new HttpServerCodec(4096, MAX_HEADER_BYTES, 64 * 1024));
                p.addAfter("http", "keep-alive", new HttpServerKeepAliveHandler());
                p.addAfter("keep-alive", "expect", new HttpServerExpectContinueHandler());
                p.addAfter("expect", "exchange", new HttpExchangeHandler(dispatcher, workers, false));
            }
            p.remove(this); // hands the buffered bytes to the codec just added
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Before the protocol is known a failure is the client's: a TLS handshake it gave up
            // (it does not trust the certificate) or bytes that are not TLS. Nothing to answer.
            log.debug("closing a connection that failed before its protocol was known: {}", cause.toString());
            ctx.close();
        }
    }
}
