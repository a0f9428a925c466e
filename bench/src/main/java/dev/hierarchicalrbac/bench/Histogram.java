package dev.hierarchicalrbac.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The output of {@code jcmd <pid> GC.class_histogram}: live bytes and instances per class. */
record Histogram(long totalBytes, Map<String, long[]> byClass) {

    static Histogram of(String jcmdOutput) {
        long total = -1;
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (String line : jcmdOutput.lines().toList()) {
            String t = line.trim();
            String[] f = t.split("\\s+");
            if (t.startsWith("Total") && f.length >= 3) {
                total = Long.parseLong(f[2]);
            } else if (f.length >= 4 && f[0].endsWith(":")) {
                // "  1:   12345   678900  java.lang.String (java.base@17)"
                rows.put(f[3], new long[]{Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        if (total < 0) {
            throw new IllegalStateException("no histogram in jcmd output: " + jcmdOutput.substring(0, Math.min(400, jcmdOutput.length())));
        }
        return new Histogram(total, rows);
    }

    /** Instances and bytes of the classes whose names start with {@code prefix}. */
    long[] sum(String prefix) {
        long instances = 0;
        long bytes = 0;
        for (Map.Entry<String, long[]> e : byClass.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                instances += e.getValue()[0];
                bytes += e.getValue()[1];
            }
        }
        return new long[]{instances, bytes};
    }

    long[] row(String className) {
        return byClass.getOrDefault(className, new long[]{0, 0});
    }
}
