// Validates rendered manifests (stdin, multi-document YAML) against the Kubernetes OpenAPI schemas,
// offline, with kubernetes-models; custom resources it has no schema for (cert-manager's) against their
// own schemas in schemas/, with Ajv. Prints one line per object; exits 1 if any is invalid.
//   kustomize build overlays/prod | node validate.mjs
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const ajv = new Ajv({ allErrors: true });
const customSchemas = { "cert-manager.io/v1": JSON.parse(readFileSync(new URL("schemas/cert-manager.io-v1.json", import.meta.url), "utf8")) };

function validateCustom(object) {
  const schema = customSchemas[object.apiVersion]?.[object.kind];
  if (!schema) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  const validate = ajv.compile(schema);
  if (!validate(object)) throw new Error(ajv.errorsText(validate.errors));
}

const documents = parseAllDocuments(readFileSync(0, "utf8")).map(d => d.toJSON()).filter(Boolean);
let failures = 0;
for (const object of documents) {
  const label = `${object.kind}/${object.metadata?.name}`;
  try {
    if (object.apiVersion in customSchemas) {
      validateCustom(object);
      console.log(`valid   ${label}`);
      continue;
    }
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
