package org.polder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class PolderApplication {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("verify-export")) {
            System.exit(org.polder.trail.ExportVerifier.run(args));
        }
        SpringApplication.run(PolderApplication.class, args);
    }
}
