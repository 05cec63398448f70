package dev.turnstile.console.cli;

import dev.turnstile.console.connect.LocalJvms;
import dev.turnstile.console.json.Json;
import dev.turnstile.console.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists this user's local JVMs and marks those that run Turnstile, saying how it knows.",
                "Shows the main class or jar only, never the arguments. Changes nothing in the JVMs."})
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print JSON: [{\"pid\":…,\"main\":…,\"turnstile\":\"yes|no|?\",\"note\":…}]")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<LocalJvms.Jvm> jvms = new LocalJvms(Duration.ofSeconds(10)).list();
        if (json) {
            List<Object> list = new ArrayList<>();
            for (LocalJvms.Jvm jvm : jvms) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pid", jvm.pid());
                row.put("main", jvm.main());
                row.put("turnstile", jvm.turnstile().label());
                row.put("note", jvm.note());
                list.add(row);
            }
            out.println(Json.write(list));
            return 0;
        }
        if (jvms.isEmpty()) {
            out.println("no other JVM of this user is running");
            return 0;
        }
        Table table = new Table("PID", "<TURNSTILE", "<MAIN", "<WHY");
        for (LocalJvms.Jvm jvm : jvms) {
            table.row(jvm.pid(), jvm.turnstile().label(), jvm.main(), jvm.note());
        }
        out.print(table);
        return 0;
    }
}
