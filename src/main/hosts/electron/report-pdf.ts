/**
 * Saves the commissioning report as PDF in the desktop app with Electron's printToPDF: the
 * page is loaded into a hidden, sandboxed window with JavaScript off (the report has none),
 * printed to A4 and written where the technician chose. Electron is passed in, so this is
 * unit-tested with Electron mocked.
 */

/** The part of a BrowserWindow this needs. */
export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    printToPDF(options: {
      printBackground: boolean;
      pageSize: 'A4';
      margins: { marginType: 'default' };
    }): Promise<Buffer>;
  };
  destroy(): void;
}

/** What Electron and the file system provide. */
export interface PdfDeps {
  /** A hidden window: show false, sandbox, contextIsolation, javascript false, no preload. */
  readonly createWindow: () => PdfWindow;
  readonly showSaveDialog: (
    defaultPath: string,
  ) => Promise<{ canceled: boolean; filePath?: string }>;
  readonly writeFile: (path: string, data: Buffer) => Promise<void>;
}

/** The window options of the hidden print window. */
export const PDF_WINDOW_OPTIONS = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
  },
} as const;

/** A file name for the report: the site's name made safe, and the date. */
export function reportFileName(siteName: string, wallNow: number): string {
  const safe = siteName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'site';
  return `commissioning-${safe}-${new Date(wallNow).toISOString().slice(0, 10)}.pdf`;
}

/**
 * Prints `html` to PDF and asks where to save it. Resolves `{saved: false}` when the
 * technician cancels the dialog; the print window is destroyed whatever happens.
 */
export async function saveReportPdf(
  html: string,
  fileName: string,
  deps: PdfDeps,
): Promise<{ saved: boolean; path: string | null }> {
  const win = deps.createWindow();
  let pdf: Buffer;
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    pdf = await win.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      margins: { marginType: 'default' },
    });
  } finally {
    win.destroy();
  }
  const choice = await deps.showSaveDialog(fileName);
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '')
    return { saved: false, path: null };
  await deps.writeFile(choice.filePath, pdf);
  return { saved: true, path: choice.filePath };
}
