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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Builds a connection's pipeline once its first bytes are known: the HTTP/2 connection preface
 * (h2c with prior knowledge, as the SDK's async clients send to an http:// endpoint) gets an
 * HTTP/2 codec whose streams are turned into the same HTTP objects as HTTP/1.1; anything else is
 * HTTP/1.1.
 */
final class TarnChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Dispatcher dispatcher;
    private final ExecutorService workers;

    TarnChannelInitializer(Dispatcher dispatcher, ExecutorService workers) {
        this.dispatcher = dispatcher;
        this.workers = workers;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("detect", new PrefaceDetector());
    }

    private final class PrefaceDetector extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
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
    }
}
