// How big a stack's state grows: the `pulumi stack export` text per resource, and
// the serialized provider (`__provider`) each dynamic resource carries in it.
export interface StateSize {
  /** Bytes of the whole export divided by the program's resources (the stack and provider resources amortized). */
  bytesPerResource: number;
  /** Bytes of one resource's `__provider` string, averaged over the program's resources. */
  providerBytesPerResource: number;
  /** Copies of `__provider` per resource (the engine keeps it in inputs and outputs). */
  providerCopiesPerResource: number;
  totalBytes: number;
}

interface ExportedResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export function measureState(exportText: string, resources: number): StateSize {
  const parsed = JSON.parse(exportText) as { deployment?: { resources?: ExportedResource[] } };
  const dynamic = (parsed.deployment?.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  if (dynamic.length !== resources) throw new Error(`state holds ${dynamic.length} dynamic resources, expected ${resources}`);
  let providerBytes = 0;
  let copies = 0;
  for (const r of dynamic) {
    const p = r.inputs?.["__provider"];
    if (typeof p === "string") providerBytes += Buffer.byteLength(p, "utf8");
    for (const bag of [r.inputs, r.outputs]) if (typeof bag?.["__provider"] === "string") copies++;
  }
  const totalBytes = Buffer.byteLength(exportText, "utf8");
  return {
    bytesPerResource: totalBytes / resources,
    providerBytesPerResource: providerBytes / resources,
    providerCopiesPerResource: copies / resources,
    totalBytes,
  };
}
