package org.polder.errand;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The geo index of couriers on duty: in memory, in H3 cells. */
@Configuration
class ErrandConfiguration {

    @Bean
    GeoIndex geoIndex() {
        return new H3GeoIndex();
    }
}
