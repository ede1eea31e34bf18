// Validates rendered manifests (stdin, multi-document YAML) against the Kubernetes OpenAPI schemas,
// offline, with kubernetes-models. Prints one line per object; exits 1 if any is invalid.
//   kustomize build overlays/prod | node validate.mjs
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const documents = parseAllDocuments(readFileSync(0, "utf8")).map(d => d.toJSON()).filter(Boolean);
let failures = 0;
for (const object of documents) {
  const label = `${object.kind}/${object.metadata?.name}`;
  try {
    const module = await import(`kubernetes-models/${object.apiVersion}`);
    const Model = module[object.kind];
    if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
    new Model(object).validate();
    console.log(`valid   ${label}`);
  } catch (error) {
    failures++;
    console.log(`INVALID ${label}: ${error.message}`);
  }
}
if (documents.length === 0) { console.log("no objects"); failures++; }
process.exit(failures === 0 ? 0 : 1);
