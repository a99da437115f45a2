// Social publishing in the browser: the composer checks each account against its
// platform's rules and keeps what was typed; a scheduled post lands on the
// calendar and moves with the keyboard-friendly form or by dragging; "Add to
// queue" takes an account's next posting time; viewers read but do not write.
import { expect, test } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";

const viewer = { email: "viewer@northwind.example", password: "demo-viewer-affogato" };

/** Three days ahead at 10:30, as a datetime-local field takes it, and its day. */
function threeDaysAhead(): { when: string; day: string } {
  const at = new Date(Date.now() + 3 * 86_400_000);
  const day = at.toISOString().slice(0, 10);
  return { when: `${day}T10:30`, day };
}

test("compose for three accounts, fix the one X refuses, schedule, and move it on the calendar", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/posts/new");
  await expect(page.getByRole("heading", { name: "New post" })).toBeVisible();
  const text = "Our holiday blend is roasting now: chocolate, cherry and a little spice. ".repeat(4).trim();
  await page.getByLabel("Text", { exact: true }).fill(text);
  for (const platform of ["twitter", "facebook", "linkedin"]) {
    await page.locator(`[data-testid=account-choice][data-platform=${platform}] input[type=checkbox]`).check();
  }
  // The preview follows the typing: X's card counts past its limit and says so.
  await hydrated(page);
  const xPreview = page.locator("[data-testid=preview][data-platform=twitter]");
  await expect(xPreview.getByTestId("preview-length")).toHaveText(`${text.length} / 280 characters`);
  await expect(xPreview.getByTestId("preview-problem").first()).toContainText("X takes at most 280 characters");
  await expect(page.locator("[data-testid=preview][data-platform=facebook] [data-testid=preview-problem]")).toHaveCount(0);
  await page.getByLabel("Tags").fill("holiday");
  const { when, day } = threeDaysAhead();
  await page.getByLabel(/^When/).fill(when);
  await page.getByTestId("schedule").click();

  // Only X's limit is passed, and its message sits on X; nothing typed is lost.
  const x = page.locator("[data-testid=account-choice][data-platform=twitter]");
  await expect(x.getByRole("alert")).toContainText("X takes at most 280 characters");
  await expect(page.locator("[data-testid=account-choice][data-platform=facebook]").getByRole("alert")).toHaveCount(0);
  await expect(page.getByLabel("Text", { exact: true })).toHaveValue(text);
  await expect(page.getByLabel("Tags")).toHaveValue("holiday");
  await expect(page.getByLabel(/^When/)).toHaveValue(when);
  await expect(x.locator("input[type=checkbox]")).toBeChecked();

  // X gets its own shorter text (its options are open, showing the problem).
  await x.getByLabel(/Own text/).fill("The holiday blend is roasting now. #holidayblend");
  await expect(xPreview).toContainText("The holiday blend is roasting now. #holidayblend");
  await expect(xPreview.getByTestId("preview-problem")).toHaveCount(0);
  await page.getByTestId("schedule").click();
  await expect(page).toHaveURL(/\/posts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("post-header").getByTestId("post-status")).toHaveText("Scheduled");
  await expect(page.getByTestId("preview")).toHaveCount(3);
  const postUrl = page.url();
  const postId = postUrl.split("/").pop()!;

  // On the calendar's week, on its day at 10:30; moved to the next day at 08:00.
  await page.goto(`/calendar?view=week&date=${day}`);
  const entry = page.locator(`[data-day="${day}"] [data-testid=calendar-post]`).filter({
    has: page.locator(`a[href="/posts/${postId}"]`),
  });
  await expect(entry).toContainText("10:30");
  await entry.getByText("Move", { exact: true }).first().click();
  const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
  await entry.getByLabel("Day").fill(next);
  await entry.getByLabel("Time").fill("08:00");
  await entry.getByTestId("move-post").click();
  await page.goto(`/calendar?view=week&date=${next}`);
  const moved = page
    .locator(`[data-day="${next}"] [data-testid=calendar-post]`)
    .filter({ has: page.locator(`a[href="/posts/${postId}"]`) });
  await expect(moved).toContainText("08:00");

  // Dragged back onto its first day, it keeps its new time of day.
  await hydrated(page);
  await moved.dragTo(page.locator(`[data-day="${day}"]`));
  await expect(page.getByTestId("toast")).toHaveText("Moved");
  await expect(
    page.locator(`[data-day="${day}"] [data-testid=calendar-post]`).filter({ has: page.locator(`a[href="/posts/${postId}"]`) }),
  ).toContainText("08:00");
});

test("posting times: add one, and \"Add to queue\" schedules a post at it", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/calendar");
  await page.getByRole("link", { name: "Posting times" }).click();
  await expect(page.getByRole("heading", { name: "Posting times" })).toBeVisible();
  const form = page.getByRole("form", { name: "Add a posting time" });
  const account = form.getByLabel("Account");
  const label = await account.locator("option", { hasText: /^LinkedIn/ }).first().textContent();
  await account.selectOption({ label: label! });
  await form.getByLabel("Days").selectOption({ label: "Every day" });
  await form.getByLabel("Time").fill("06:45");
  await form.getByRole("button", { name: "Add time" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Posting time added");
  const row = page.getByTestId("account-times").filter({ hasText: label! });
  await expect(row.getByRole("listitem").filter({ hasText: "Sunday 06:45" })).toBeVisible();

  await page.goto("/posts/new");
  await page.getByLabel("Text", { exact: true }).fill("Fresh beans every morning.");
  await page.locator("[data-testid=account-choice][data-platform=linkedin] input[type=checkbox]").first().check();
  await page.getByTestId("add-to-queue").click();
  await expect(page).toHaveURL(/\/posts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("post-header").getByTestId("post-status")).toHaveText("Scheduled");
  // The next of the account's times: the demo's (weekdays 09:00 and 17:15,
  // Saturday 10:00) or the one just added.
  await expect(page.getByLabel(/^When/)).toHaveValue(/T(06:45|09:00|17:15|10:00)$/);

  // The time is removed with its ×.
  await page.goto("/calendar/times");
  await row.getByRole("button", { name: "Remove Monday 06:45" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Posting time removed");
  await expect(row.getByRole("listitem").filter({ hasText: "Monday 06:45" })).toHaveCount(0);
});

test("the posts list filters by status and shows the failed post's reason", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/");
  await page.getByRole("link", { name: "See what failed" }).click();
  await expect(page).toHaveURL(/\/posts\?status=failed$/);
  const rows = page.getByTestId("post-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("refused the post as a duplicate");
  await expect(rows.first().getByTestId("post-status")).toHaveText("Failed");
});

test("a viewer reads the calendar and posts but cannot compose", async ({ page }) => {
  await logIn(page, viewer.email, viewer.password);
  await page.goto("/calendar");
  await expect(page.getByTestId("calendar")).toBeVisible();
  await expect(page.getByTestId("calendar-post").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "New post" })).toHaveCount(0);
  await expect(page.getByTestId("move-post")).toHaveCount(0);
  const response = await page.goto("/posts/new");
  expect(response?.status()).toBe(403);
});
