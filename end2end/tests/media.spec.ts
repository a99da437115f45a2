// The media library in the browser: the demo's pictures with their thumbnails;
// an upload of two files where one only pretends to be a picture (it is refused
// by its content, with its reason, and the other is kept); filters; and a post
// that carries a picked file.
import { expect, test } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";

// A 2×2 PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGPYmioLRAwQCgAkcgTdBo/60gAAAABJRU5ErkJggg==",
  "base64",
);

test("upload a picture and a text file named .png, see which was kept and why, and put the picture in a post", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/media");
  await expect(page.getByRole("heading", { name: "Media library" })).toBeVisible();
  // The demo's pictures, each with a thumbnail made on the server.
  const demo = page.getByTestId("media-item").filter({ hasText: "holiday-blend.png" });
  await expect(demo.getByTestId("media-facts")).toHaveText(/Image · 1080×1080 · \d+ KB/);
  await expect(demo.locator("img")).toHaveJSProperty("naturalWidth", 400);

  const form = page.getByRole("form", { name: "Upload files" });
  await form.getByLabel("Files", { exact: true }).setInputFiles([
    { name: "shelf.png", mimeType: "image/png", buffer: png },
    { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("Remember: restock the shelf on Monday.") },
  ]);
  await form.getByLabel("Folder").fill("Shop");
  await form.getByLabel("Tags").fill("shelf, shop");
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(page).toHaveURL(/\/media$/);
  await expect(page.getByTestId("upload-added")).toHaveText("Added 1 file: shelf.png.");
  await expect(page.getByTestId("upload-refused")).toContainText("notes.png is not an image or a video");
  const shelf = page.getByTestId("media-item").filter({ hasText: "shelf.png" });
  await expect(shelf.getByTestId("media-facts")).toHaveText("Image · 2×2 · 73 bytes");

  // Filters: videos (none), then by tag.
  await page.goto("/media?kind=video");
  await expect(page.getByTestId("no-media")).toHaveText("No file matches these filters.");
  await page.goto("/media?q=shelf");
  await expect(page.getByTestId("media-item")).toHaveCount(1);

  // The composer picks it; saved, the post keeps it.
  await page.goto("/posts/new");
  await page.getByLabel("Text", { exact: true }).fill("The shelf is stocked for the weekend.");
  await page.getByTestId("media-choice").filter({ hasText: "shelf.png" }).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Save draft" }).last().click();
  await expect(page).toHaveURL(/\/posts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("media-choice").filter({ hasText: "shelf.png" }).getByRole("checkbox")).toBeChecked();

  // Instagram needs a picture: with the post's file it has one; told to send
  // none of them ("Files for this account" names a file the post lacks), the
  // live preview and the save both say what is wrong.
  await hydrated(page);
  const instagram = page.locator("[data-testid=account-choice][data-platform=instagram]").first();
  await instagram.locator("input[type=checkbox]").first().check();
  const card = page.locator("[data-testid=preview][data-platform=instagram]").first();
  await expect(card).toBeVisible();
  await expect(card.getByTestId("preview-problem")).toHaveCount(0);
  await instagram.locator("summary").first().click();
  await instagram.getByLabel("Files for this account").fill("2");
  await page.getByRole("button", { name: "Save draft" }).last().click();
  await expect(instagram.getByRole("alert")).toContainText("There is no file 2: this post has one file.");
  await expect(instagram.getByLabel("Files for this account")).toHaveValue("2");
});

test("files dropped on the upload form are sent with a progress bar", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/media");
  await hydrated(page);
  const drop = page.getByTestId("upload-drop");
  // A drop from the desktop, as the browser hands it over: a DataTransfer of files.
  const transfer = await page.evaluateHandle((bytes) => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(bytes)], "counter.png", { type: "image/png" }));
    return t;
  }, [...png]);
  await drop.dispatchEvent("dragover", { dataTransfer: transfer });
  await drop.dispatchEvent("drop", { dataTransfer: transfer });
  const chosen = await page.getByLabel("Files", { exact: true }).evaluate((el) => (el as HTMLInputElement).files!.length);
  expect(chosen).toBe(1);
  // The bar shows while the form goes (held back a moment here to see it); the
  // page then shows what was added.
  await page.route("**/api/media/upload", async (route) => {
    await new Promise((done) => setTimeout(done, 800));
    await route.continue();
  });
  await page.getByRole("form", { name: "Upload files" }).getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("upload-progress")).toBeVisible();
  await expect(page.getByTestId("upload-progress")).toContainText("% sent");
  await expect(page.getByTestId("upload-added")).toHaveText("Added 1 file: counter.png.");
});
