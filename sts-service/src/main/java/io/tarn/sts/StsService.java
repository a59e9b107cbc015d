package io.tarn.sts;

import io.tarn.core.protocol.query.QueryOperation;
import io.tarn.core.protocol.query.QueryProtocolHandler;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.Protocol;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.sts.api.StsOperations;
import io.tarn.sts.engine.SessionIssuer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** STS, minimal but real: who am I, and temporary credentials that Tarn then accepts. */
public final class StsService implements AwsService {

    static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final ServiceDescriptor DESCRIPTOR =
            new ServiceDescriptor("sts", List.of("sts"), List.of(), Protocol.QUERY, false);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public RequestHandler start(ServiceContext context) {
        StsOperations sts = new StsOperations(new SessionIssuer(context.credentials()), context.identities());
        Map<String, QueryOperation> ops = new LinkedHashMap<>();
        ops.put("GetCallerIdentity", sts::getCallerIdentity);
        ops.put("GetSessionToken", sts::getSessionToken);
        ops.put("AssumeRole", sts::assumeRole);
        for (String name : List.of("AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "AssumeRoot",
                "DecodeAuthorizationMessage", "GetAccessKeyInfo", "GetDelegatedAccessToken", "GetFederationToken",
                "GetWebIdentityToken")) {
            ops.put(name, (ctx, params, xml) -> {
                throw StsErrors.NOT_IMPLEMENTED.exception("%s is not supported by Tarn.", name);
            });
        }
        return new QueryProtocolHandler(XMLNS, "2011-06-15", ops);
    }
}
