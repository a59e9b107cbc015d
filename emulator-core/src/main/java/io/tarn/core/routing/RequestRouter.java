package io.tarn.core.routing;

import io.tarn.core.admin.AdminApi;
import io.tarn.core.auth.RequestAuthenticator;
import io.tarn.core.auth.SignatureClaim;
import io.tarn.core.auth.SignatureParser;
import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import io.tarn.core.http.Dispatcher;
import io.tarn.core.http.Exchange;
import io.tarn.core.http.StreamingExchange;
import io.tarn.core.http.RequestHead;
import io.tarn.core.protocol.ProtocolErrors;
import io.tarn.core.protocol.json.AwsJsonCodec;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.time.EmulatorClock;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow after HTTP: admin paths to the admin API; otherwise pick the service, read the
 * signature, and once the body is in, authenticate and hand the request to the service. Every
 * error is answered in the service's protocol; an unexpected exception is logged with the
 * request id and answered {@code InternalFailure} without internals.
 */
public final class RequestRouter implements Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);

    private final ServiceTable services;
    private final ServiceResolver resolver;
    private final RequestAuthenticator authenticator;
    private final AdminApi admin;
    private final EmulatorClock clock;
    private final String defaultAccount;
    private final String defaultRegion;

    public RequestRouter(ServiceTable services, RequestAuthenticator authenticator, AdminApi admin, EmulatorClock clock,
            String defaultAccount, String defaultRegion) {
        this.services = services;
        this.resolver = new ServiceResolver(services.services());
        this.authenticator = authenticator;
        this.admin = admin;
        this.clock = clock;
        this.defaultAccount = defaultAccount;
        this.defaultRegion = defaultRegion;
    }

    @Override
    public Exchange begin(RequestHead head) {
        if (head.rawPath().startsWith(AdminApi.PREFIX)) {
            return admin.exchange(head);
        }
        String requestId = UUID.randomUUID().toString();
        ServiceResolver.Scope scope = ServiceResolver.scope(head.header("authorization"), head.queryParam("X-Amz-Credential"));
        String unserved = resolver.unserved(scope, head.header("x-amz-target"));
        if (unserved != null) {
            return Exchange.answered(UnservedService.response(requestId, unserved, head));
        }
        AwsService service = resolver.resolve(scope, head.header("x-amz-target"));
        if (service == null) {
            return Exchange.answered(JsonProtocolHandler.errorResponse(requestId,
                    CommonErrors.UNKNOWN_OPERATION.exception("No service of this server matches the request."), AwsJsonCodec.JSON_1_1));
        }
        String region = scope != null ? scope.region() : defaultRegion;
        RequestContext unauthenticated = new RequestContext(requestId, new Namespace(defaultAccount, region),
                Caller.root("", defaultAccount), service.descriptor().name(), clock, null, head.secure(), head.sourceIp());
        RequestHandler handler = services.handler(service);
        if (handler == null) {
            return Exchange.answered(JsonProtocolHandler.errorResponse(requestId,
                    CommonErrors.SERVICE_UNAVAILABLE.exception(service.descriptor().name() + " is still starting."),
                    AwsJsonCodec.JSON_1_1));
        }
        ServiceRequest headOnly = request(unauthenticated, head, new byte[0]);
        try {
            SignatureClaim signature = SignatureParser.parse(head.headers(), head.query(), service.descriptor().protocol(),
                    handler.sigV2Resource(headOnly));
            boolean streamed = handler.streamsBody(headOnly);
            long maxBody = handler.maxBodyBytes(streamed);
            boolean inBody = signature == null && handler.authenticatesInBody(headOnly);
            if (streamed) {
                return new StreamingServiceExchange(service, handler, head, unauthenticated, signature, maxBody, inBody);
            }
            return new ServiceExchange(service, handler, head, unauthenticated, signature, maxBody, inBody);
        } catch (AwsException e) {
            return Exchange.answered(handler.error(headOnly, e));
        } catch (RuntimeException e) { // a bug in the service's look at the head: still an answer, in its shape
            log.error("{} {} {} failed [{}]", service.descriptor().name(), head.method(), head.rawPath(), requestId, e);
            return Exchange.answered(lastResort(service, requestId, head));
        }
    }

    /** The InternalFailure answer built without the service's handler (which may be what failed). */
    private static ServiceResponse lastResort(AwsService service, String requestId, RequestHead head) {
        return ProtocolErrors.internalError(service.descriptor().protocol(), requestId, head.method(), head.header("content-type"));
    }

    private static ServiceRequest request(RequestContext ctx, RequestHead head, byte[] body) {
        return new ServiceRequest(ctx, head.method(), head.rawPath(), head.query(), head.headers(), body);
    }

    private class ServiceExchange implements Exchange {
        final AwsService service;
        final RequestHandler handler;
        final RequestHead head;
        final RequestContext unauthenticated;
        final @Nullable SignatureClaim signature;
        final long maxBody;
        /** The handler checks the credentials the body carries ({@link RequestHandler#authenticatesInBody}). */
        final boolean authenticatesInBody;

        ServiceExchange(AwsService service, RequestHandler handler, RequestHead head, RequestContext unauthenticated,
                @Nullable SignatureClaim signature, long maxBody, boolean authenticatesInBody) {
            this.maxBody = maxBody;
            this.authenticatesInBody = authenticatesInBody;
            this.service = service;
            this.handler = handler;
            this.head = head;
            this.unauthenticated = unauthenticated;
            this.signature = signature;
        }

        @Override
        public long maxBodyBytes() {
            return maxBody;
        }

        @Override
        public ServiceResponse complete(byte[] body) {
            long started = System.nanoTime();
            ServiceResponse response = answer(body);
            if (log.isDebugEnabled()) {
                log.debug("{} {} {} {} -> {} in {} us [{}]", service.descriptor().name(), head.method(), head.rawPath(),
                        head.header("x-amz-target") == null ? "" : head.header("x-amz-target"), response.status(),
                        (System.nanoTime() - started) / 1000, unauthenticated.requestId());
            }
            return response;
        }

        private ServiceResponse answer(byte[] body) {
            ServiceRequest request = request(unauthenticated, head, body);
            try {
                return handler.handle(authenticated(body));
            } catch (RuntimeException | Error e) { // an Error too: a bug (StackOverflowError...) still gets an answer
                return errorResponse(request, e);
            }
        }

        /** The request with its caller, once the signature (over {@code body}, when not streamed) checks out. */
        ServiceRequest authenticated(byte @Nullable [] body) {
            if (authenticatesInBody) {
                return request(unauthenticated, head, body == null ? new byte[0] : body);
            }
            Caller caller = authenticator.authenticate(service.descriptor().protocol(), signature, head.method(),
                    head.rawPath(), head.rawQuery(), head.headers(), body);
            RequestContext ctx = new RequestContext(unauthenticated.requestId(),
                    new Namespace(caller.account(), unauthenticated.region()), caller, unauthenticated.service(), clock,
                    authenticator.streamSigning(signature, head.headers()), head.secure(), head.sourceIp());
            return request(ctx, head, body == null ? new byte[0] : body);
        }

        /**
         * An AWS error as the service renders it; anything else is a bug: logged, answered
         * InternalFailure, in the protocol's shape even when the service's own rendering fails.
         */
        ServiceResponse errorResponse(ServiceRequest request, Throwable e) {
            try {
                if (e instanceof AwsException) {
                    return handler.error(request, (AwsException) e);
                }
                log.error("{} {} {} failed [{}]", service.descriptor().name(), head.method(), head.rawPath(),
                        unauthenticated.requestId(), e);
                return handler.error(request, ProtocolErrors.internalFailure());
            } catch (RuntimeException rendering) {
                log.error("{} could not render an error [{}]", service.descriptor().name(), unauthenticated.requestId(), rendering);
                return internalError();
            }
        }

        @Override
        public ServiceResponse internalError() {
            return lastResort(service, unauthenticated.requestId(), head);
        }

        @Override
        public ServiceResponse tooLarge() {
            return handler.error(request(unauthenticated, head, new byte[0]), CommonErrors.REQUEST_TOO_LARGE.exception(
                    "Request size exceeds %d bytes.", maxBody));
        }
    }

    /** A request whose body streams to the service's {@link BodySink}, opened at the first part. */
    private final class StreamingServiceExchange extends ServiceExchange implements StreamingExchange {
        private @Nullable ServiceRequest request;
        private volatile @Nullable BodySink sink;

        StreamingServiceExchange(AwsService service, RequestHandler handler, RequestHead head, RequestContext unauthenticated,
                @Nullable SignatureClaim signature, long maxBody, boolean authenticatesInBody) {
            super(service, handler, head, unauthenticated, signature, maxBody, authenticatesInBody);
        }

        private BodySink sink() {
            if (sink == null) {
                request = authenticated(null);
                sink = handler.openBody(request);
            }
            return sink;
        }

        @Override
        public void onBody(ByteBuffer part) {
            sink().accept(part);
        }

        @Override
        public ServiceResponse complete() {
            try {
                return sink().finish();
            } catch (RuntimeException e) {
                return fail(e);
            }
        }

        @Override
        public ServiceResponse fail(RuntimeException failure) {
            abort();
            return errorResponse(request != null ? request : request(unauthenticated, head, new byte[0]), failure);
        }

        @Override
        public void abort() {
            BodySink open = sink;
            sink = null;
            if (open != null) {
                open.abort();
            }
        }
    }
}
