# Copy to dateline-backends.vcl (next to dateline.vcl) and list your nodes. Each is asked /healthz
# every two seconds: a node that is starting (still catching up with the event log) or has lost its
# database answers 503 and gets no readers until it answers 200 again.
backend node1 {
    .host = "10.0.0.11";
    .port = "8080";
    .probe = { .url = "/healthz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}
backend node2 {
    .host = "10.0.0.12";
    .port = "8080";
    .probe = { .url = "/healthz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(node1);
    nodes.add_backend(node2);
}
