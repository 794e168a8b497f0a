package org.polder.errand.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Base64;
import java.util.Optional;

/** A proof of delivery (a checked data URL of a PNG, JPEG or WebP image) as the image itself; 404 when there is none. */
final class ProofImage {

    private ProofImage() {
    }

    static ResponseEntity<byte[]> of(Optional<String> dataUrl) {
        return dataUrl.map(data -> ResponseEntity.ok().contentType(MediaType.parseMediaType(data.substring(5, data.indexOf(';'))))
                        .body(Base64.getDecoder().decode(data.substring(data.indexOf(',') + 1))))
                .orElse(ResponseEntity.notFound().build());
    }
}
