package io.tarn.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.tarn.core.spi.BodySource;
import io.tarn.core.spi.ServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns HTTP objects (from HTTP/1.1 or an HTTP/2 stream) into exchanges: routes on the head,
 * gathers the body up to the exchange's limit, answers off the event loop, and writes the
 * response back in order. Reading pauses while a request is answered, so HTTP/1.1 responses can
 * never overtake each other.
 */
final class HttpExchangeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpExchangeHandler.class);

    private final Dispatcher dispatcher;
    private final ExecutorService workers;
    private final boolean http2;

    private Exchange exchange;
    private CompositeByteBuf body;
    private boolean head;
    private boolean keepAlive;
    private boolean discarding;
    private boolean closeAfterDiscard;
    private boolean inFlight;
    private long received;
    private ResponseStreamer streamer;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    /** How much of a streamed body is gathered before a worker takes it. */
    private static final int STREAM_PART_BYTES = 1 << 20;
    /** In-memory response bodies above this go out in slices of this size. */
    private static final int WRITE_SLICE_BYTES = 256 * 1024;

    HttpExchangeHandler(Dispatcher dispatcher, ExecutorService workers, boolean http2) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (inFlight) {
            pending.add(msg); // a pipelined request: its turn comes when the one before is answered
            return;
        }
        process(ctx, msg);
    }

    private void process(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest) {
                begin(ctx, (HttpRequest) msg);
            }
            if (msg instanceof HttpContent) {
                if (exchange != null && !discarding) {
                    append(ctx, (HttpContent) msg);
                } else if (discarding && msg instanceof LastHttpContent) {
                    discarding = false;
                    if (closeAfterDiscard) {
                        ctx.close(); // the refused body is over: the client has read our answer by now
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        discarding = false;
        closeAfterDiscard = false;
        head = request.method().equals(HttpMethod.HEAD);
        keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            exchange = null;
            discarding = true;
            FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.copiedBuffer("Malformed HTTP request", StandardCharsets.US_ASCII));
            bad.headers().set(HttpHeaderNames.CONTENT_LENGTH, bad.content().readableBytes());
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        exchange = dispatcher.begin(toHead(request, secure(ctx), sourceIp(ctx)));
        received = 0;
        body = ctx.alloc().compositeBuffer(1024);
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > exchange.maxBodyBytes()) {
            reject(ctx);
        }
    }

    private void append(ChannelHandlerContext ctx, HttpContent content) {
        ByteBuf bytes = content.content();
        received += bytes.readableBytes();
        if (received > exchange.maxBodyBytes()) {
            reject(ctx);
            return;
        }
        if (exchange instanceof StreamingExchange) {
            // Parts go to the worker in runs of up to STREAM_PART_BYTES: one hand-off per 64 KiB
            // read would cost more than the disk write it feeds.
            if (bytes.isReadable()) {
                body.addComponent(true, bytes.retain());
            }
            boolean last = content instanceof LastHttpContent;
            if (last || body.readableBytes() >= STREAM_PART_BYTES) {
                ByteBuf part = body;
                body = last ? null : ctx.alloc().compositeBuffer(1024);
                stream(ctx, (StreamingExchange) exchange, part, last);
            }
            return;
        }
        if (bytes.isReadable()) {
            body.addComponent(true, bytes.retain());
        }
        if (content instanceof LastHttpContent) {
            Exchange done = exchange;
            byte[] bodyBytes = drainBody();
            exchange = null;
            inFlight = true;
            ctx.channel().config().setAutoRead(false);
            try {
                workers.execute(() -> answer(ctx, done, bodyBytes));
            } catch (RejectedExecutionException e) {
                write(ctx, unavailable());
            }
        }
    }

    /**
     * Hands one part to a streaming exchange on a worker; reading waits until it is taken. After
     * the last part (or a failed one) the exchange answers.
     */
    private void stream(ChannelHandlerContext ctx, StreamingExchange streaming, ByteBuf part, boolean last) {
        inFlight = true;
        if (last) {
            exchange = null;
        }
        ctx.channel().config().setAutoRead(false);
        workers.execute(() -> {
            ServiceResponse response = null;
            try {
                for (java.nio.ByteBuffer b : part.nioBuffers()) {
                    if (b.hasRemaining()) {
                        streaming.onBody(b);
                    }
                }
                if (last) {
                    response = streaming.complete();
                }
            } catch (RuntimeException e) {
                response = failed(streaming, e);
            } catch (Error e) { // a bug (or a jar replaced under a running server): answer, never hang the client
                log.error("streaming a request body failed", e);
                response = failed(streaming, new IllegalStateException(e));
            } finally {
                part.release();
            }
            ServiceResponse answer = response;
            ctx.executor().execute(() -> {
                if (answer == null) {
                    resume(ctx);
                } else if (last) {
                    write(ctx, answer);
                } else { // failed mid-body: answer now, drop the rest, then go on with the connection
                    exchange = null;
                    discarding = true;
                    closeAfterDiscard = !keepAlive;
                    write(ctx, answer, false);
                    resume(ctx);
                }
            });
        });
    }

    /** The exchange's answer to its failed body; should that fail too, the last resort, so the client is never left waiting. */
    private static ServiceResponse failed(StreamingExchange streaming, RuntimeException failure) {
        try {
            return streaming.fail(failure);
        } catch (RuntimeException | Error e) {
            log.error("answering a failed request body failed", e);
            return streaming.internalError();
        }
    }

    private void answer(ChannelHandlerContext ctx, Exchange done, byte[] bodyBytes) {
        ServiceResponse response;
        try {
            response = done.complete(bodyBytes);
        } catch (RuntimeException | Error e) { // the dispatcher answers errors itself; this is a last resort
            log.error("unhandled failure answering a request", e);
            response = done.internalError();
        }
        ServiceResponse r = response;
        ctx.executor().execute(() -> write(ctx, r));
    }

    /**
     * Answers at once that the body is too large, then drops the rest of it and closes the
     * connection when it ends (closing earlier would make clients that send the whole body before
     * reading fail with a reset instead of seeing the error).
     */
    private void reject(ChannelHandlerContext ctx) {
        ServiceResponse response = exchange.tooLarge();
        if (exchange instanceof StreamingExchange) {
            StreamingExchange streaming = (StreamingExchange) exchange;
            workers.execute(streaming::abort);
        }
        if (body != null) {
            body.release();
            body = null;
        }
        exchange = null;
        discarding = true;
        closeAfterDiscard = true; // the body may be huge: read it to its end only to close cleanly
        keepAlive = false;
        write(ctx, response, false);
    }

    private byte[] drainBody() {
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        body.release();
        body = null;
        return bytes;
    }

    private void write(ChannelHandlerContext ctx, ServiceResponse response) {
        write(ctx, response, !keepAlive && !http2);
    }

    private void write(ChannelHandlerContext ctx, ServiceResponse response, boolean close) {
        BodySource source = response.stream();
        if (source != null && head) {
            source.close(); // HEAD: the length, no body
        }
        if (head || (source == null && response.body().length <= WRITE_SLICE_BYTES)) {
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
            setHeaders(out, response, source != null ? source.length() : response.body().length);
            ctx.writeAndFlush(out).addListener(f -> afterWrite(ctx, f.isSuccess(), close));
            return;
        }
        if (source == null) {
            // A large body in memory (a 10 MiB GetRecords) goes out in slices: the socket copies
            // each write into a direct buffer, and one of the whole body's size is not pooled.
            byte[] body = response.body();
            DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
            setHeaders(out, response, body.length);
            ctx.write(out);
            for (int offset = 0; offset < body.length; offset += WRITE_SLICE_BYTES) {
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, offset, Math.min(WRITE_SLICE_BYTES, body.length - offset))));
            }
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> afterWrite(ctx, f.isSuccess(), close));
            return;
        }
        DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        setHeaders(out, response, source.length());
        ctx.write(out);
        streamer = new ResponseStreamer(ctx, source, workers, last -> last.addListener(f -> {
            streamer = null;
            afterWrite(ctx, f.isSuccess(), close);
        }));
        streamer.start();
    }

    private void setHeaders(HttpResponse out, ServiceResponse response, long length) {
        response.headers().forEach((k, v) -> out.headers().set(k, v));
        if (length < 0) {
            if (!http2) {
                HttpUtil.setTransferEncodingChunked(out, true);
            }
        } else if (!out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        }
        if (!http2) {
            HttpUtil.setKeepAlive(out, keepAlive);
        }
    }

    private void afterWrite(ChannelHandlerContext ctx, boolean success, boolean close) {
        if (close || !success) {
            ctx.close();
        } else if (!discarding) {
            resume(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streamer != null) {
            streamer.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** After an answer: the pipelined requests that queued up, then reading again. */
    private void resume(ChannelHandlerContext ctx) {
        inFlight = false;
        Object next;
        while (!inFlight && (next = pending.poll()) != null) {
            process(ctx, next);
        }
        if (!inFlight) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    private static ServiceResponse unavailable() {
        return ServiceResponse.of(503, "text/plain", "ServiceUnavailable");
    }

    /** The client's connection: this channel, or for an HTTP/2 stream the connection it is multiplexed on. */
    private static io.netty.channel.Channel connection(ChannelHandlerContext ctx) {
        return ctx.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel
                ? ctx.channel().parent() : ctx.channel(); // a socket's parent is the server's listening channel
    }

    /** Whether the connection is TLS: an SslHandler on it. */
    private static boolean secure(ChannelHandlerContext ctx) {
        return connection(ctx).pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
    }

    /** The client's IP address, as S3's aws:SourceIp condition key reads it. */
    private static @Nullable String sourceIp(ChannelHandlerContext ctx) {
        return connection(ctx).remoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    private static RequestHead toHead(HttpRequest request, boolean secure, @Nullable String sourceIp) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        if (rawPath.isEmpty()) {
            rawPath = "/";
        }
        Map<String, List<String>> query = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 1024, true).parameters();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>(1)).add(h.getValue());
        }
        return new RequestHead(request.method().name(), rawPath, rawQuery, query, headers, secure, sourceIp);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (streamer != null) {
            streamer.cancel();
            streamer = null;
        }
        if (exchange instanceof StreamingExchange) {
            StreamingExchange streaming = (StreamingExchange) exchange;
            workers.execute(streaming::abort);
            exchange = null;
        }
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        if (body != null) {
            body.release();
            body = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
