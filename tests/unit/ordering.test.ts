import { expect, test } from "vitest";
import { swapWithNeighbour } from "~/domain/ordering";

const list = [{ id: "a" }, { id: "b" }, { id: "c" }];
const ids = (items: { id: string }[] | null) => items?.map((i) => i.id) ?? null;

test("an item swaps places with its neighbour above or below; the list given is left as it was", () => {
  expect(ids(swapWithNeighbour(list, "b", "up"))).toEqual(["b", "a", "c"]);
  expect(ids(swapWithNeighbour(list, "b", "down"))).toEqual(["a", "c", "b"]);
  expect(ids(list)).toEqual(["a", "b", "c"]);
});

test("the first cannot move up, the last cannot move down, and an item not in the list does not move", () => {
  expect(swapWithNeighbour(list, "a", "up")).toBeNull();
  expect(swapWithNeighbour(list, "c", "down")).toBeNull();
  expect(swapWithNeighbour(list, "x", "down")).toBeNull();
});
