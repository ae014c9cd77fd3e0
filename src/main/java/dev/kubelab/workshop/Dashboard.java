package dev.kubelab.workshop;

/**
 * The instructor's page: the room fragment, then a loop that asks {@code /api/view?since=V} with the same token
 * (the HttpOnly cookie the server set when {@code /?token=T} was opened);
 * the server answers when an event changed the room (or after its long-poll wait), so the page follows the room
 * within the time of one request, without polling.
 */
final class Dashboard {

    private Dashboard() {
    }

    static String page(String workshop, long version, String fragment) {
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
                let version = %d;
                const pause = ms => new Promise(r => setTimeout(r, ms));
                const say = t => { document.getElementById('updated').textContent = t; };
                async function follow() {
                  for (;;) {
                    try {
                      const r = await fetch('/api/view?since=' + version, {cache: 'no-store', credentials: 'same-origin'});
                      if (r.ok) {
                        version = Number(r.headers.get('X-Room-Version'));
                        document.getElementById('room').innerHTML = await r.text();
                        say('updated ' + new Date().toLocaleTimeString());
                      } else {
                        say('server says ' + r.status + ' ' + (await r.text()));
                        await pause(3000);
                      }
                    } catch (e) {
                      say('server unreachable, retrying');
                      await pause(1000);
                    }
                  }
                }
                follow();
                </script></body></html>
                """.formatted(RoomView.esc(workshop), RoomView.esc(workshop), fragment, version);
    }
}
