/**
 * Tool schemas in Gym's flat shape (spec §1.3), from whatever shape a source uses: chat
 * (`{type, function: {name, description, parameters}}`), flat, legacy `functions` entries, or Anthropic
 * (`{name, description, input_schema}`, also typed `custom`). Hosted tools of a Responses type (`{type: "web_search"}`)
 * pass through unchanged; Anthropic's web search (`web_search_20250305`) becomes Responses' `web_search`. A named
 * tool of any other type with no schema (Anthropic's `bash_20250124`, `text_editor_…`, called by name with
 * `tool_use`) is a function whose schema, the provider's, is not in the source: it takes any object, not strict.
 * A tool with no name and no Responses type is dropped: a Gym request cannot carry it.
 */
import { isObject, str } from "../formats/json";
import { OTHER_TOOL_TYPES } from "../validate/requestModel";
import type { FlatTool, PivotTool } from "./pivotRow";

/** One tool in flat shape, or null when it names no function (not an object, no name). */
export function toPivotTool(tool: unknown): PivotTool | null {
  if (!isObject(tool)) return null;
  const fn = isObject(tool.function) ? tool.function : null;
  const source = fn ?? tool;
  const type = tool.type ?? "function";
  const parameters = isObject(source.parameters) ? source.parameters : isObject(source.input_schema) ? source.input_schema : null;
  let builtIn = false;
  if (!fn && type !== "function" && parameters === null) {
    if (typeof type !== "string") return null;
    if (OTHER_TOOL_TYPES.has(type)) return { ...tool };
    if (/^web_search_\d{8}$/.test(type)) return { type: "web_search" };
    builtIn = true;
  }
  const name = str(source.name);
  if (!name) return null;
  const strict = builtIn ? false : typeof source.strict === "boolean" ? source.strict : typeof tool.strict === "boolean" ? tool.strict : true;
  const description = str(source.description);
  // Gym's model requires `parameters`: a declared tool without any takes no arguments; a built-in, any object.
  const flat: FlatTool = {
    type: "function",
    name,
    ...(description !== null ? { description } : {}),
    parameters: parameters ?? (builtIn ? { type: "object" } : { type: "object", properties: {} }),
    strict,
  };
  return flat;
}

/** Every usable tool of a list, in order; entries that name no function are dropped. */
export function toPivotTools(tools: readonly unknown[]): PivotTool[] {
  const out: PivotTool[] = [];
  for (const t of tools) {
    const tool = toPivotTool(t);
    if (tool) out.push(tool);
  }
  return out;
}

/** Names of the function tools, for the `missing_tool_schema` check. */
export function functionToolNames(tools: readonly PivotTool[]): Set<string> {
  const names = new Set<string>();
  for (const t of tools) if (t.type === "function" && typeof t.name === "string") names.add(t.name);
  return names;
}

/**
 * A tools list as a user loads it from a file: a JSON list of tool schemas (either shape), or an object
 * holding one under `tools` / `functions`. Throws with a readable message otherwise.
 */
export function parseToolsFile(text: string): PivotTool[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`tools file is not JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(value) ? value : isObject(value) ? (value.tools ?? value.functions) : undefined;
  if (!Array.isArray(list)) throw new Error("tools file must hold a JSON list of tool schemas (or an object with a `tools` list)");
  const tools = toPivotTools(list);
  if (tools.length === 0) throw new Error("tools file holds no usable tool schema (each needs a name)");
  return tools;
}
