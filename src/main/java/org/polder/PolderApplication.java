package org.polder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class PolderApplication {
    public static void main(String[] args) {
        SpringApplication.run(PolderApplication.class, args);
    }
}
