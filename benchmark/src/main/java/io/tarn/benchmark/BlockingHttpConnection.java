package io.tarn.benchmark;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection driven by one thread, for calls whose answer must be read
 * (the next request depends on it): a POST or GET out, the whole body in, into a buffer reused from call
 * to call. No pooling, no redirects, no retries: just the bytes.
 */
final class BlockingHttpConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] body = new byte[1 << 20];
    private int bodyLength;

    BlockingHttpConnection(URI endpoint) throws IOException {
        socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = socket.getInputStream();
        host = endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** POSTs {@code length} bytes of {@code content} to {@code /} and reads the whole answer; its status. */
    int post(Map<String, String> headers, byte[] content, int length) throws IOException {
        StringBuilder head = new StringBuilder(384).append("POST / HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(content, 0, length);
        out.flush();
        return readResponse();
    }

    /** GETs {@code pathAndQuery} and reads the whole answer; its status. */
    int get(String pathAndQuery) throws IOException {
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readResponse();
    }

    /** The last answer's body: {@code body()[0 .. bodyLength())}. */
    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    private int readResponse() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        bodyLength = 0;
        if (chunked) {
            while (true) {
                String sizeLine = readLine();
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                readBody(size);
                readLine();
            }
        } else if (contentLength >= 0) {
            readBody((int) contentLength);
        } else {
            throw new IOException("an answer without Content-Length or chunked encoding");
        }
        return status;
    }

    private void readBody(int n) throws IOException {
        if (body.length < bodyLength + n) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
        }
        int buffered = Math.min(n, limit - pos);
        System.arraycopy(buffer, pos, body, bodyLength, buffered);
        pos += buffered;
        bodyLength += buffered;
        int remaining = n - buffered;
        while (remaining > 0) {
            int r = in.read(body, bodyLength, remaining);
            if (r < 0) {
                throw new EOFException("connection closed in a body");
            }
            bodyLength += r;
            remaining -= r;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit < 0) {
                    limit = 0;
                    throw new EOFException("connection closed");
                }
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xFF));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
