/// <reference lib="webworker" />
import { documentLines } from "./jsonDocument";

// Thin shell: a `.json` document is parsed off the page's thread (it may be large) and handed back as JSONL.
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (ev: MessageEvent<File>) => {
  const result = documentLines(await ev.data.text());
  self.postMessage(result.ok ? { ...result, text: new Blob([result.text]) } : result);
};
