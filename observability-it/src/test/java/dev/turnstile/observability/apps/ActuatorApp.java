package dev.turnstile.observability.apps;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with Actuator and the Prometheus registry, as teams have them: no line
 * of it mentions Turnstile. Argument: the provider's base URL (the rest is Spring's {@code --key=value}).
 */
@SpringBootApplication
public class ActuatorApp {

    public static void main(String[] args) {
        SpringApplication.run(ActuatorApp.class, args);
        Calls.serve(args[0]);
    }
}
