package dev.turnstile.it;

/** Apache HttpClient 4.5 classic. */
class Apache4IT extends AbstractClientIT {

    @Override
    protected String client() {
        return "apache4";
    }
}
