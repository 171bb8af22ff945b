import { rateLimitFloorSeconds } from "../../bench/rate-limit-floor";

const CERTCENTRAL = [
  { limit: 1000, windowMs: 180_000 },
  { limit: 100, windowMs: 5_000 },
];

describe("rate-limit floor", () => {
  test("requests within one short window take one latency", () => {
    expect(rateLimitFloorSeconds(100, CERTCENTRAL, 20)).toBeCloseTo(0.02, 5);
    expect(rateLimitFloorSeconds(0, CERTCENTRAL, 20)).toBe(0);
  });

  test("each further hundred waits one 5 s window after the hundred before it", () => {
    expect(rateLimitFloorSeconds(101, CERTCENTRAL)).toBe(5);
    expect(rateLimitFloorSeconds(300, CERTCENTRAL)).toBe(10);
    expect(rateLimitFloorSeconds(1000, CERTCENTRAL)).toBe(45);
  });

  test("past a thousand the 3-minute window rules", () => {
    expect(rateLimitFloorSeconds(1001, CERTCENTRAL)).toBe(180);
    expect(rateLimitFloorSeconds(2000, CERTCENTRAL)).toBe(225);
    expect(rateLimitFloorSeconds(3000, CERTCENTRAL)).toBe(405);
  });

  test("a count that is not a whole number (a median of two runs) is refused, not turned into NaN", () => {
    expect(() => rateLimitFloorSeconds(908.5, CERTCENTRAL)).toThrow(RangeError);
  });

  test("latency adds to every window's wait", () => {
    expect(rateLimitFloorSeconds(201, CERTCENTRAL, 100)).toBeCloseTo(10.3, 5);
  });
});
