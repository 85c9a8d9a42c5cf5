import { z } from "zod";
import { isOperationName, operationArgs, OPERATION_NAMES, OPERATIONS, type OperationName } from "../../ops/index.ts";

export type FieldKind = "text" | "integer" | "boolean" | "list" | "json";

export interface FieldModel {
  name: string;
  /** The schema's description: the field's label. */
  label: string;
  kind: FieldKind;
  required: boolean;
  /** Text the field starts with. */
  defaultText: string;
  /** Suggested values (a datalist). */
  examples: string[];
}

export interface FormModel {
  op: OperationName;
  /** Also the submit button's name: "Create session", "Mint token", … */
  title: string;
  fields: FieldModel[];
}

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** Button and form titles, from each operation's registry entry; the names are part of the UI's accessibility contract. */
export function operationTitle(op: OperationName): string {
  if (isOperationName(op)) return OPERATIONS[op].title;
  // A refused entry may name no operation at all; its name in words.
  const words = String(op).replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Realistic starting values the schemas cannot carry (they depend on the virtual clock or are whole objects). */
function uiDefaults(op: OperationName, now: number): Record<string, unknown> {
  switch (op) {
    case "createSession":
      return {
        authReq: { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" },
        authnEvent: { uid: "diana", authn_info: "urn:oasis:names:tc:SAML:2.0:ac:classes:Password", authn_time: now, valid_until: now + 86400 },
      };
    case "addGrant":
      return { grant: { scope: ["openid", "email"] } };
    case "setClock":
      return { now };
    default:
      return {};
  }
}

function kindOf(schema: JsonSchema): FieldKind {
  const variants = schema.anyOf ?? [schema];
  const types = variants.flatMap((v) => (Array.isArray(v.type) ? v.type : v.type ? [v.type] : []));
  if (variants.some((v) => v.type === "array" && v.items?.type === "string")) return "list";
  if (types.includes("object") || types.length === 0) return "json";
  if (types.includes("integer") || types.includes("number")) return "integer";
  if (types.includes("boolean")) return "boolean";
  return "text";
}

function textOf(kind: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (kind === "json") return JSON.stringify(value, null, 2);
  if (kind === "list") return Array.isArray(value) ? value.join(" ") : String(value);
  if (kind === "boolean") return value === true ? "true" : "";
  return String(value);
}

const cache = new Map<string, FormModel>();

/**
 * The console form of an operation, generated from its zod schema (as JSON Schema): one field per
 * argument, labelled with the schema's description, starting from the schema's default or a
 * realistic value, so the console never drifts from the operations the core accepts.
 */
export function buildFormModel(op: OperationName, now: number): FormModel {
  const key = `${op}@${now}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const schema = z.toJSONSchema(operationArgs[op], { io: "input", unrepresentable: "any" }) as JsonSchema;
  const extra = uiDefaults(op, now);
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, prop]): FieldModel => {
    const kind = kindOf(prop);
    return {
      name,
      label: prop.description ?? name,
      kind,
      required: required.has(name),
      defaultText: textOf(kind, name in extra ? extra[name] : prop.default),
      examples: (prop.examples ?? []).map(String),
    };
  });
  const model = { op, title: operationTitle(op), fields };
  if (cache.size > 200) cache.clear();
  cache.set(key, model);
  return model;
}

/** Every operation's form, in the order of SPEC §10. */
export function allFormModels(now: number): FormModel[] {
  return OPERATION_NAMES.map((op) => buildFormModel(op, now));
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The operation's `args` from the form's texts. Empty optional fields are left out. Only what
 * cannot be sent at all (JSON that does not parse, a number that is not one) is caught here;
 * everything else is for the core to accept or refuse, with its own code and message.
 */
export function formToArgs(model: FormModel, texts: Record<string, string>): { args: Record<string, unknown>; errors: FieldError[] } {
  const args: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const f of model.fields) {
    const text = texts[f.name] ?? f.defaultText;
    const trimmed = text.trim();
    if (f.kind === "boolean") {
      if (trimmed === "true") args[f.name] = true;
      continue;
    }
    if (trimmed === "") continue;
    switch (f.kind) {
      case "text":
        args[f.name] = text;
        break;
      case "integer": {
        const n = Number(trimmed);
        if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(n)) errors.push({ field: f.name, message: `${f.label}: "${trimmed}" is not a whole number.` });
        else args[f.name] = n;
        break;
      }
      case "list":
        args[f.name] = trimmed.split(/[\s,]+/).filter(Boolean);
        break;
      case "json":
        try {
          args[f.name] = JSON.parse(trimmed);
        } catch (e) {
          errors.push({ field: f.name, message: `${f.label}: not valid JSON (${(e as Error).message}).` });
        }
        break;
    }
  }
  return { args, errors };
}
