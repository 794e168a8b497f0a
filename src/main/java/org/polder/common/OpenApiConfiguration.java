package org.polder.common;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description in OpenAPI, with bearer tokens so that the browsable UI can call it. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI polderOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Polder API").version("v1")
                        .description("""
                                Platform work, fair by design. Get a token with POST /api/v1/auth/token and send it as \
                                'Authorization: Bearer <token>' (the Authorize button). Amounts are in cents. Errors are \
                                application/problem+json. Requests that create work or move money honour an Idempotency-Key header."""))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("A token from POST /api/v1/auth/token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Every operation can answer with a problem (400 bad input, 401 no token, 403 role, 404 someone else's or
     * missing, 409 conflict, 422 funds, 429 throttled): documented once, as the default answer.
     */
    @Bean
    OpenApiCustomizer problemAnswers() {
        return api -> {
            Schema<Object> problem = new ObjectSchema()
                    .addProperty("type", new StringSchema())
                    .addProperty("title", new StringSchema().description("what kind of problem"))
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema().description("what is wrong and where, e.g. 'amount: from 1 to 1000000000 cents'"))
                    .addProperty("instance", new StringSchema());
            problem.additionalProperties(true);
            problem.description("application/problem+json (RFC 9457); more fields may name the problem further");
            api.getComponents().addSchemas("Problem", problem);
            ApiResponse answer = new ApiResponse().description("A problem: what is wrong and where")
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() != null && operation.getResponses().getDefault() == null) {
                    operation.getResponses().setDefault(answer);
                }
            }));
        };
    }
}
