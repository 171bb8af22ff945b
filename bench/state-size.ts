// How big a stack's state grows: the `pulumi stack export` text per resource, and
// the serialized provider (`__provider`) each dynamic resource carries in it.
export interface StateSize {
  /** Bytes of the whole export divided by the program's resources (the stack and provider resources amortized). */
  bytesPerResource: number;
  /** Bytes of one resource's `__provider` string, averaged over the program's resources. */
  providerBytesPerResource: number;
  /** Copies of `__provider` per resource (the engine keeps it in inputs and outputs). */
  providerCopiesPerResource: number;
  /** Bytes per resource of the PEM outputs (certificatePem, chainPem) as the export holds them: the certificate's own weight. */
  pemBytesPerResource: number;
  totalBytes: number;
}

interface ExportedResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** `typePrefix`: the program's resources' types (dynamic: `pulumi-nodejs:dynamic/`; the native plugin: `digicert:index:`). */
export function measureState(exportText: string, resources: number, typePrefix = "pulumi-nodejs:dynamic/"): StateSize {
  const parsed = JSON.parse(exportText) as { deployment?: { resources?: ExportedResource[] } };
  const dynamic = (parsed.deployment?.resources ?? []).filter((r) => r.type.startsWith(typePrefix));
  if (dynamic.length !== resources) throw new Error(`state holds ${dynamic.length} resources of ${typePrefix}*, expected ${resources}`);
  let providerBytes = 0;
  let copies = 0;
  let pemBytes = 0;
  for (const r of dynamic) {
    for (const k of ["certificatePem", "chainPem"]) {
      const v = r.outputs?.[k];
      if (v !== undefined) pemBytes += Buffer.byteLength(JSON.stringify(v), "utf8");
    }
    const p = r.inputs?.["__provider"];
    if (typeof p === "string") providerBytes += Buffer.byteLength(p, "utf8");
    for (const bag of [r.inputs, r.outputs]) if (typeof bag?.["__provider"] === "string") copies++;
  }
  const totalBytes = Buffer.byteLength(exportText, "utf8");
  return {
    bytesPerResource: totalBytes / resources,
    providerBytesPerResource: providerBytes / resources,
    providerCopiesPerResource: copies / resources,
    pemBytesPerResource: pemBytes / resources,
    totalBytes,
  };
}
