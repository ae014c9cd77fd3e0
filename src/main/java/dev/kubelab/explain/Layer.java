package dev.kubelab.explain;

/** The layers a connection meets, in the order a packet meets them. */
public enum Layer {
    PORT_FORWARD("port-forward"),
    RESOLV_CONF("resolv.conf"),
    DNS("DNS"),
    SERVICE("Service"),
    ENDPOINTS("endpoints"),
    LISTENING("listening port"),
    POLICY("NetworkPolicy"),
    CONNECTION("connection");

    private final String title;

    Layer(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
