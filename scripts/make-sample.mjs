#!/usr/bin/env node
// Writes the demo dataset behind "Open sample": public/sample/sample-pivots.jsonl (Gym pivot rows with
// FC-pivot provenance) and public/sample/sample-rollouts.jsonl (single-step rollouts of some of them, as
// `gym eval run` writes them). Deterministic: the same bytes on every run (a unit test checks this).
//   node scripts/make-sample.mjs [--out DIR]
import fs from "node:fs";
import path from "node:path";

const outDir = process.argv.includes("--out") ? process.argv[process.argv.indexOf("--out") + 1] : "public/sample";

let seed = 20261121;
function rand() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const AGENT = "airline_support_single_step_tool_use_with_argument_comparison_agent";
const obj = (properties, required) => ({ type: "object", properties, required, additionalProperties: false });
const TOOLS = [
  ["find_user_id_by_email", "Find a customer's user id from the email on their account.", obj({ email: { type: "string", description: "Account email." } }, ["email"])],
  ["get_user_details", "Get a customer's profile, memberships and saved payment methods.", obj({ user_id: { type: "string", description: "User id such as 'sara_doe_496'." } }, ["user_id"])],
  ["get_reservation_details", "Get the flights, passengers and payments of a reservation.", obj({ reservation_id: { type: "string", description: "Six-character reservation code." } }, ["reservation_id"])],
  ["search_direct_flight", "Search direct flights between two airports on a date.", obj({ origin: { type: "string", description: "IATA code, e.g. 'JFK'." }, destination: { type: "string", description: "IATA code." }, date: { type: "string", description: "YYYY-MM-DD." } }, ["origin", "destination", "date"])],
  ["update_reservation_flights", "Change the flights of a reservation. Cabin must stay the same for basic economy.", obj({ reservation_id: { type: "string" }, cabin: { type: "string", enum: ["basic_economy", "economy", "business"] }, flights: { type: "array", items: obj({ flight_number: { type: "string" }, date: { type: "string" } }, ["flight_number", "date"]) }, payment_id: { type: "string" } }, ["reservation_id", "cabin", "flights", "payment_id"])],
  ["update_reservation_baggages", "Change the number of checked bags on a reservation.", obj({ reservation_id: { type: "string" }, total_baggages: { type: "integer" }, nonfree_baggages: { type: "integer" }, payment_id: { type: "string" } }, ["reservation_id", "total_baggages", "nonfree_baggages", "payment_id"])],
  ["cancel_reservation", "Cancel a whole reservation. Refunds go to the original payment methods.", obj({ reservation_id: { type: "string" } }, ["reservation_id"])],
  ["calculate", "Evaluate an arithmetic expression, e.g. '2 * (120 + 35)'.", obj({ expression: { type: "string" } }, ["expression"])],
  ["transfer_to_human_agents", "Hand the conversation to a human agent, with a summary of the issue.", obj({ summary: { type: "string" } }, ["summary"])],
].map(([name, description, parameters]) => ({ type: "function", name, description, parameters, strict: true }));

const SYSTEM =
  "You are an airline customer-service agent. Authenticate the user by email before any change. " +
  "Follow the policy: basic economy flights cannot be modified; cancellations within 24 hours of booking are refunded in full. " +
  "Make one tool call at a time unless the calls are independent, and confirm every change with the user first.";
const NAMES = ["sara_doe_496", "omar_khan_112", "lena_fischer_730", "raj_patel_219", "mei_chen_845", "ada_okafor_301"];
const CITIES = [["JFK", "SFO"], ["ORD", "MIA"], ["SEA", "BOS"], ["LAX", "DFW"], ["ATL", "DEN"]];
const RES = () => Array.from({ length: 6 }, () => pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".split(""))).join("");


/** One expert conversation as a list of events; each assistant action is a decision point. */
function conversation(i) {
  const user = NAMES[i % NAMES.length];
  const email = `${user.split("_")[0]}.${user.split("_")[1]}@example.com`;
  const res = RES();
  const [o, d] = pick(CITIES);
  const day = `2026-12-${String(3 + (i % 20)).padStart(2, "0")}`;
  const ev = [];
  const say = (text) => ev.push({ kind: "assistant", text });
  const call = (name, args, output) => ev.push({ kind: "call", name, args, output });
  const batch = (calls) => ev.push({ kind: "batch", calls });
  ev.push({ kind: "user", text: pick([`Hi, I need to change my flight ${res}.`, `Hello — can you help with reservation ${res}? Something came up.`, `I want to cancel my trip, code ${res}.`]) });
  say("I can help with that. First, could you tell me the email address on your account?");
  ev.push({ kind: "user", text: `Sure, it's ${email}.` });
  ev.push({ kind: "reasoning", text: "The user gave an email. Policy: authenticate first by looking up the user id." });
  call("find_user_id_by_email", { email }, user);
  call("get_user_details", { user_id: user }, JSON.stringify({ user_id: user, membership: pick(["gold", "silver", "regular"]), payment_methods: [{ id: "credit_card_7815", brand: "visa" }, { id: "gift_card_2231", amount: 120 }] }));
  const flow = i % 4;
  if (flow === 0) {
    call("get_reservation_details", { reservation_id: res }, JSON.stringify({ reservation_id: res, cabin: "economy", flights: [{ flight_number: "HAT" + (100 + i), origin: o, destination: d, date: day }] }));
    ev.push({ kind: "user", text: `Please move me to the next day, same route ${o} to ${d}.` });
    const next = `2026-12-${String(4 + (i % 20)).padStart(2, "0")}`;
    call("search_direct_flight", { origin: o, destination: d, date: next }, JSON.stringify([{ flight_number: "HAT" + (200 + i), price: 189 }, { flight_number: "HAT" + (300 + i), price: 212 }]));
    say(`I found HAT${200 + i} on ${next} for $189. Shall I change your reservation to it, paying the difference with credit_card_7815?`);
    ev.push({ kind: "user", text: "Yes, go ahead." });
    call("update_reservation_flights", { reservation_id: res, cabin: "economy", flights: [{ flight_number: `HAT${200 + i}`, date: next }], payment_id: "credit_card_7815" }, '{"status":"updated"}');
    say(`Done — ${res} is now on HAT${200 + i} on ${next}. Anything else?`);
  } else if (flow === 1) {
    // Two independent look-ups in one turn: a parallel-call decision point.
    ev.push({ kind: "user", text: `I also have a second booking, ${RES()}. How many bags do both include?` });
    batch([["get_reservation_details", { reservation_id: res }], ["get_reservation_details", { reservation_id: RES() }]]);
    say("Each reservation includes one free checked bag per passenger. Would you like to add bags?");
    ev.push({ kind: "user", text: "Add one extra bag to the first one." });
    call("calculate", { expression: "1 * 50" }, "50.0");
    call("update_reservation_baggages", { reservation_id: res, total_baggages: 2, nonfree_baggages: 1, payment_id: "gift_card_2231" }, '{"status":"updated"}');
    say("Added one bag for $50, paid with your gift card.");
  } else if (flow === 2) {
    call("get_reservation_details", { reservation_id: res }, JSON.stringify({ reservation_id: res, cabin: "basic_economy", created_at: "2026-11-01T10:00:00" }));
    ev.push({ kind: "user", text: "Can I change it to Friday instead?" });
    say("I'm sorry — basic economy reservations cannot be modified. I can cancel it, but it was booked more than 24 hours ago, so it would not be refunded.");
    ev.push({ kind: "user", text: "That's not fair. I want to talk to a person." });
    call("transfer_to_human_agents", { summary: `User ${user} wants to modify basic economy reservation ${res}; policy does not allow it.` }, "Transfer successful");
  } else {
    call("get_reservation_details", { reservation_id: res }, JSON.stringify({ reservation_id: res, cabin: "business", created_at: "2026-12-01T08:30:00" }));
    say(`Reservation ${res} was booked within the last 24 hours, so cancelling gives a full refund. Do you want me to cancel it?`);
    ev.push({ kind: "user", text: "Yes please <b>cancel</b> it." });
    call("cancel_reservation", { reservation_id: res }, '{"status":"cancelled","refund":"full"}');
    say("Your reservation is cancelled and the refund is on its way (5–7 business days).");
  }
  return ev;
}

/** Responses API items for events [0, upTo), in the shape Gym's converters write. */
function toItems(events, upTo, t) {
  const items = [{ role: "system", content: SYSTEM, type: "message" }];
  let msg = 0;
  let rs = 0;
  for (const [idx, e] of events.slice(0, upTo).entries()) {
    if (e.kind === "user") items.push({ role: "user", content: e.text, type: "message" });
    else if (e.kind === "reasoning") items.push({ id: `rs_${++rs}`, summary: [{ text: e.text, type: "summary_text" }], type: "reasoning" });
    else if (e.kind === "assistant") items.push({ id: `msg_${++msg}`, content: [{ annotations: [], text: e.text, type: "output_text" }], role: "assistant", status: "completed", type: "message" });
    else {
      const calls = e.kind === "call" ? [[e.name, e.args, e.output]] : e.calls.map(([n, a]) => [n, a, '{"status":"ok"}']);
      const ids = calls.map((_, k) => `call_${t}_${idx}_${k}`);
      calls.forEach(([n, a], k) => items.push({ arguments: JSON.stringify(a), call_id: ids[k], name: n, type: "function_call", status: "completed" }));
      calls.forEach(([, , out], k) => items.push({ call_id: ids[k], output: out, type: "function_call_output" }));
    }
  }
  return items;
}

function action(e) {
  if (e.kind === "assistant") return { type: "message", content: e.text };
  if (e.kind === "call") return { type: "function_call", name: e.name, arguments: JSON.stringify(e.args) };
  return { type: "function_call_batch", calls: e.calls.map(([name, a]) => ({ type: "function_call", name, arguments: JSON.stringify(a) })) };
}

const pivots = [];
for (let t = 0; t < 12; t++) {
  const events = conversation(t);
  let turn = 0, step = 0, depth = 0;
  events.forEach((e, i) => {
    if (e.kind === "user") { turn++; step = 0; return; }
    if (e.kind === "reasoning") return;
    const cut = events[i - 1]?.kind === "reasoning" ? i - 1 : i;
    pivots.push({
      trajectory_id: 1000 + t,
      info: { turn, step, depth },
      responses_create_params: { input: toItems(events, cut, t), tools: TOOLS, parallel_tool_calls: e.kind === "batch", tool_choice: "auto" },
      expected_action: action(e),
      agent_ref: { type: "responses_api_agents", name: AGENT },
    });
    step++;
    depth++;
  });
}

// Rollouts: 4 single-step attempts at each of the first 6 tool-call pivots, some right, some wrong.
const rollouts = [];
pivots.filter((p) => p.expected_action.type === "function_call").slice(0, 6).forEach((p, task) => {
  for (let r = 0; r < 4; r++) {
    const ok = rand() < 0.6;
    const ea = p.expected_action;
    const output = ok
      ? [{ arguments: ea.arguments, call_id: `call_r${task}${r}`, name: ea.name, type: "function_call", id: `fc_r${task}${r}`, status: "completed" }]
      : [{ id: `msg_r${task}${r}`, content: [{ annotations: [], text: "Let me check that for you.", type: "output_text" }], role: "assistant", status: "completed", type: "message" }];
    rollouts.push({
      responses_create_params: p.responses_create_params,
      response: { id: `resp_${task}_${r}`, object: "response", model: "policy_model", output, status: "completed" },
      expected_action: ea,
      reward: ok ? 1.0 : 0.0,
      category: ok ? "A tool call that matches the expected tool call was found" : "No tool call was found when one was expected",
      _ng_task_index: task,
      _ng_rollout_index: r,
      agent_ref: p.agent_ref,
    });
  }
});

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "sample-pivots.jsonl"), pivots.map((r) => JSON.stringify(r)).join("\n") + "\n");
fs.writeFileSync(path.join(outDir, "sample-rollouts.jsonl"), rollouts.map((r) => JSON.stringify(r)).join("\n") + "\n");
console.log(`${outDir}: ${pivots.length} pivots, ${rollouts.length} rollouts`);
