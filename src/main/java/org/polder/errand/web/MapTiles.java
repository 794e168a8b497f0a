package org.polder.errand.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the street map's tiles come from ({@code polder.map.tiles}, OpenStreetMap's by default; empty for
 * the drawn map only) and the credit the tile source asks for. Each map carries it ({@link MapView}).
 */
@Component
public class MapTiles {

    private final String url;
    private final String attribution;

    MapTiles(@Value("${polder.map.tiles:https://tile.openstreetmap.org/{z}/{x}/{y}.png}") String url,
             @Value("${polder.map.attribution:© OpenStreetMap contributors}") String attribution) {
        this.url = url;
        this.attribution = attribution;
    }

    public String url() {
        return url;
    }

    public String attribution() {
        return attribution;
    }
}
