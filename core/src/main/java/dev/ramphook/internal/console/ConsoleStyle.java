package dev.ramphook.internal.console;

/** The console's one style sheet, inlined under the response's CSP nonce: no external asset, no CDN. */
final class ConsoleStyle {

    static final String CSS = """
            :root{--ink:#1d2330;--mute:#5d6679;--line:#dde2ea;--bg:#f5f7fa;--card:#fff;--acc:#2456c7}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
              color:var(--ink);background:var(--bg)}
            header{display:flex;align-items:center;gap:10px;padding:0 24px;height:52px;background:#161b26;color:#fff}
            .brand{font-weight:700;font-size:16px;letter-spacing:.3px}.sub{color:#9aa4b8;margin-right:24px}
            nav a{color:#c8d0df;text-decoration:none;padding:16px 12px;display:inline-block}
            nav a.on,nav a:hover{color:#fff;box-shadow:inset 0 -3px 0 #5b8def}
            main{padding:20px 24px;max-width:1280px}
            h1{font-size:20px;margin:4px 0 16px}h2{font-size:15px;margin:22px 0 8px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin-bottom:8px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
            .card .n{font-size:24px;font-weight:650}.card .l{color:var(--mute);font-size:12px;text-transform:uppercase;
              letter-spacing:.4px}
            .card.bad .n{color:#b42318}
            table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);
              border-radius:8px;overflow:hidden}
            th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
            th{background:#eef1f6;font-weight:600;font-size:12px;color:var(--mute);text-transform:uppercase;
              letter-spacing:.3px}
            tr:last-child td{border-bottom:0}
            td.mono,.mono,td.time{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
            .time{white-space:nowrap}
            .token{overflow-wrap:anywhere}td.token{min-width:16em}
            a{color:var(--acc)}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
              white-space:nowrap}
            .ok{background:#e3f4ea;color:#146c36}.warn{background:#fff3d6;color:#8a5a00}
            .bad{background:#fde7e4;color:#b42318}.info{background:#e6eefc;color:#1f4fb5}
            .mute{background:#eceff3;color:#4a5263}
            pre{background:#0f1420;color:#e4e9f2;padding:12px;border-radius:8px;overflow:auto;font-size:12.5px;
              max-height:480px;white-space:pre-wrap;overflow-wrap:anywhere}
            form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;background:var(--card);padding:12px;
              border:1px solid var(--line);border-radius:8px;margin-bottom:12px}
            form.filters label{display:flex;flex-direction:column;align-items:flex-start;font-size:12px;
              color:var(--mute)}
            input,select{font:inherit;padding:5px 7px;border:1px solid #c4cbd7;border-radius:6px;min-width:120px}
            button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid var(--acc);background:var(--acc);
              color:#fff;cursor:pointer}
            button.danger{background:#b42318;border-color:#b42318}
            dl{display:grid;grid-template-columns:180px 1fr;gap:6px 12px;background:var(--card);padding:12px;
              border:1px solid var(--line);border-radius:8px}
            dt{color:var(--mute)}dd{margin:0}
            .note{background:#e6eefc;border:1px solid #c3d4f7;padding:8px 12px;border-radius:8px;margin:10px 0}
            .alert{background:#fde7e4;border:1px solid #f5c1b9;padding:8px 12px;border-radius:8px;margin:10px 0}
            .pager{margin:10px 0;display:flex;gap:12px}
            .chart{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 8px 4px}
            .bars{display:flex;align-items:stretch;gap:2px;height:90px;border-bottom:1px solid var(--line)}
            .bars .m{flex:1;display:flex;align-items:flex-end;gap:1px}
            .bars .m:hover{background:#eef1f6}
            .bars span{flex:1;background:#5b8def;border-radius:2px 2px 0 0}
            .bars span.r{background:#e0786a}
            .axis{display:flex;justify-content:space-between;color:var(--mute);font-size:11px;padding-top:3px;
              white-space:nowrap}
            .legend{color:var(--mute);font-size:12px;margin:6px 0 0}
            .empty{background:var(--card);border:1px dashed var(--line);border-radius:8px;padding:14px;color:var(--mute);
              margin:0}
            small.error{color:#b42318;font-size:12px;white-space:nowrap}
            input[aria-invalid]{border-color:#b42318;background:#fff8f7}
            .h0{height:0}.h1{height:10%}.h2{height:20%}.h3{height:30%}.h4{height:40%}.h5{height:50%}
            .h6{height:60%}.h7{height:70%}.h8{height:80%}.h9{height:90%}.h10{height:100%}
            """;

    private ConsoleStyle() {
    }
}
