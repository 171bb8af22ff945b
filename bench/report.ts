// The results as JSON (bench/results.json) and as the Markdown docs/benchmarks.md shows.
import type { SizeResult, TargetCheck } from "./results";
import { STEPS } from "./steps";

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  engine: string;
  pulumiSdk: string;
  platform: string;
}

export interface BenchSettings {
  latencyMs: number;
  parallel: number;
  rateLimits: { limit: number; windowMs: number }[];
  runs: Record<string, number>;
  keyPerStep: string;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  settings: BenchSettings;
  sizes: SizeResult[];
  targets: TargetCheck[];
  totalSeconds: number;
}

const fmt = (v: number | null, digits = 2): string => (v === null ? "-" : v.toFixed(digits));

export function markdown(r: BenchResults): string {
  const lines: string[] = [];
  const runs = Object.entries(r.settings.runs).map(([n, k]) => `${k} at N=${n}`).join(", ");
  lines.push(
    `Measured ${r.date.slice(0, 10)} on ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}, ` +
      `Pulumi engine ${r.machine.engine}, @pulumi/pulumi ${r.machine.pulumiSdk}; simulator latency ${r.settings.latencyMs} ms a request, ` +
      `CertCentral's rate limits (${r.settings.rateLimits.map((l) => `${l.limit}/${l.windowMs / 1000} s`).join(", ")}), ` +
      `engine parallelism ${r.settings.parallel} (its default: cores x 4). Medians of ${runs}. Whole run: ${(r.totalSeconds / 60).toFixed(1)} min.`,
    "",
    "| N | step | this provider (s) | no-op floor (s) | API floor (s) | x larger floor | x (no-op + API) | rate-limit floor (s) | x rate-limit | DigiCert requests / resource | 429s |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const s of r.sizes) {
    for (const step of STEPS) {
      const x = s.steps[step];
      lines.push(
        `| ${s.n} | ${step} | ${fmt(x.provider.median)} | ${fmt(x.noop.median)} | ${fmt(x.api.median)} | ${fmt(x.ratioToLarger)} | ` +
          `${fmt(x.ratioToFloors)} | ${fmt(x.rateLimitFloor)} | ${fmt(x.ratioToRateLimit)} | ${fmt(x.requestsPerResource)} | ${x.throttled} |`,
      );
    }
  }
  lines.push(
    "",
    "| N | state bytes / resource | no-op floor's | serialized provider bytes / resource | no-op floor's |",
    "| ---: | ---: | ---: | ---: | ---: |",
  );
  for (const s of r.sizes) {
    const p = s.state.provider;
    const o = s.state.noop;
    lines.push(`| ${s.n} | ${p.bytesPerResource.toFixed(0)} | ${o.bytesPerResource.toFixed(0)} | ${p.providerBytesPerResource.toFixed(0)} | ${o.providerBytesPerResource.toFixed(0)} |`);
  }
  const withNative = r.sizes.filter((s) => s.native !== undefined);
  if (withNative.length > 0) {
    lines.push(
      "",
      "Both servings side by side: the dynamic resources (as above) and the native plugin `pulumi-resource-digicert`, same stack, floors and steps.",
      "",
      "| N | step | dynamic (s) | native plugin (s) | larger floor (s) | dynamic x larger | native x larger | requests / resource (dynamic, native) | 429s (dynamic, native) |",
      "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const s of withNative) {
      for (const step of STEPS) {
        const d = s.steps[step];
        const nat = s.native?.[step];
        if (nat === undefined) continue;
        lines.push(
          `| ${s.n} | ${step} | ${fmt(d.provider.median)} | ${fmt(nat.native.median)} | ${fmt(Math.max(d.noop.median, d.api.median))} | ${fmt(d.ratioToLarger)} | ` +
            `${fmt(nat.ratioToLarger)} | ${fmt(d.requestsPerResource)}, ${fmt(nat.requestsPerResource)} | ${d.throttled}, ${nat.throttled} |`,
        );
      }
    }
    lines.push(
      "",
      "| N | state bytes / resource: dynamic | native plugin | of which PEM outputs | dynamic beside its PEM | native beside its PEM |",
      "| ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const s of withNative) {
      const d = s.state.provider;
      const nat = s.state.native;
      if (nat === undefined) continue;
      lines.push(
        `| ${s.n} | ${d.bytesPerResource.toFixed(0)} | ${nat.bytesPerResource.toFixed(0)} | ${nat.pemBytesPerResource.toFixed(0)} | ` +
          `${(d.bytesPerResource - d.pemBytesPerResource).toFixed(0)} | ${(nat.bytesPerResource - nat.pemBytesPerResource).toFixed(0)} |`,
      );
    }
  }
  lines.push("", "Targets:", "");
  for (const t of r.targets) lines.push(`- ${t.met ? "met" : "**missed**"}: N = ${t.n}, ${t.target} (measured ${fmt(t.value)})`);
  return lines.join("\n");
}
