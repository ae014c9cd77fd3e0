package dev.kubelab.workshop;

/** The instructor's page: the room fragment, refreshed every second from {@code /api/view} with the same token. */
final class Dashboard {

    private Dashboard() {
    }

    static String page(String workshop, String fragment) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>kubelab workshop %s</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5em;background:#fafafa;color:#222}
                table.grid{border-collapse:collapse;font-size:14px}
                .grid th,.grid td{border:1px solid #ccc;padding:4px 8px;text-align:center}
                td.passed{background:#c8f0c8} td.started{background:#fff3bf} td.none{background:#fff}
                .histogram{display:inline-block;vertical-align:top;margin:0 2em 1em 0}
                .histogram td{padding:2px 6px} .bar{display:inline-block;height:12px;background:#4a7bd0}
                tr.wrong .bar{background:#d05a4a} .q{color:#555;max-width:32em} .quiet{color:#888}
                #updated{color:#888;font-size:12px}
                </style></head>
                <body><h1>kubelab workshop <code>%s</code></h1><p id="updated">live</p>
                <div id="room">%s</div>
                <script>
                const token = new URLSearchParams(location.search).get('token');
                async function refresh() {
                  try {
                    const r = await fetch('/api/view?token=' + encodeURIComponent(token), {cache: 'no-store'});
                    if (r.ok) {
                      document.getElementById('room').innerHTML = await r.text();
                      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
                    } else {
                      document.getElementById('updated').textContent = 'server says ' + r.status;
                    }
                  } catch (e) {
                    document.getElementById('updated').textContent = 'server unreachable, retrying';
                  }
                }
                setInterval(refresh, 1000);
                refresh();
                </script></body></html>
                """.formatted(RoomView.esc(workshop), RoomView.esc(workshop), fragment);
    }
}
