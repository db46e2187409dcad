package io.callsight.common;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Until the web app is served here, the root leads people to GraphiQL. */
@Path("/")
public class RootResource {

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/q/graphql-ui/")).build();
    }
}
