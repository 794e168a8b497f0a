package org.polder.common;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
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
}
