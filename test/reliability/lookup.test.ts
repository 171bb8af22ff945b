// The lookup loop's verdicts, on a simulated clock: "none" only after a look that
// succeeded once the window closed; a failing look is tried again, then reported.
import { lookFor, type LookupOutcome } from "../../provider/exactly-once/lookup";

async function run(seconds: number, looks: (Error | number[])[]): Promise<{ outcome: LookupOutcome<number>; looked: number; clock: number }> {
  let clock = 0;
  let looked = 0;
  const outcome = await lookFor<number>({
    seconds,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    look: async () => {
      const next = looks[Math.min(looked++, looks.length - 1)]!;
      clock += 100;
      if (next instanceof Error) throw next;
      return next;
    },
  });
  return { outcome, looked, clock };
}

const down = new Error("DigiCert GET /order/certificate failed (503)");

test("one candidate is taken at once; several are reported at once", async () => {
  expect((await run(10, [[], [], [42]])).outcome).toEqual({ kind: "one", found: 42 });
  expect((await run(10, [[], [1, 2]])).outcome).toEqual({ kind: "several", found: [1, 2] });
});

test("none only after looking for the whole window", async () => {
  const r = await run(5, [[]]);
  expect(r.outcome).toEqual({ kind: "none" });
  expect(r.clock).toBeGreaterThanOrEqual(5000);
  expect(r.looked).toBeGreaterThan(3);
});

test("a look failing as the window closes is tried again: a later success decides", async () => {
  const looks: (Error | number[])[] = [[], [], [], [], down, down, down, []];
  const r = await run(3, looks);
  expect(r.outcome).toEqual({ kind: "none" });
  const found = await run(3, [[], [], [], down, down, [7]]);
  expect(found.outcome).toEqual({ kind: "one", found: 7 });
});

test("looks failing past the window and the grace after it: reported as a failure, not as none", async () => {
  const r = await run(2, [[], down]);
  expect(r.outcome).toEqual({ kind: "failed", error: down });
  expect(r.clock).toBeGreaterThanOrEqual(2000 + 10_000);
});
