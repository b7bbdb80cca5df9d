import { describe, expect, test, vi } from 'vitest';
import { PDF_WINDOW_OPTIONS, reportFileName, saveReportPdf, type PdfDeps } from './report-pdf';

/** Electron mocked: a print window that records what it loaded, and a save dialog. */
function fakes(dialog: { canceled: boolean; filePath?: string }, printFails = false) {
  const loaded: string[] = [];
  const destroyed = vi.fn();
  const written: { path: string; data: Buffer }[] = [];
  const deps: PdfDeps = {
    createWindow: () => ({
      loadURL: (url) => {
        loaded.push(url);
        return Promise.resolve();
      },
      webContents: {
        printToPDF: (options) =>
          printFails
            ? Promise.reject(new Error('printing failed'))
            : Promise.resolve(Buffer.from(`%PDF-1.7 ${options.pageSize}`)),
      },
      destroy: destroyed,
    }),
    showSaveDialog: () => Promise.resolve(dialog),
    writeFile: (path, data) => {
      written.push({ path, data });
      return Promise.resolve();
    },
  };
  return { deps, loaded, destroyed, written };
}

describe('report PDF (Electron mocked)', () => {
  test('prints the page to A4 and writes it where the technician chose', async () => {
    const f = fakes({ canceled: false, filePath: '/tmp/report.pdf' });
    const r = await saveReportPdf('<h1>Roof & co</h1>', 'r.pdf', f.deps);
    expect(r).toEqual({ saved: true, path: '/tmp/report.pdf' });
    expect(decodeURIComponent(f.loaded[0] ?? '')).toBe(
      'data:text/html;charset=utf-8,<h1>Roof & co</h1>',
    );
    expect(f.written[0]?.data.toString()).toBe('%PDF-1.7 A4');
    expect(f.destroyed).toHaveBeenCalledTimes(1);
  });

  test('a cancelled dialog writes nothing; a failed print still closes the window', async () => {
    const cancelled = fakes({ canceled: true });
    expect(await saveReportPdf('<p>x</p>', 'r.pdf', cancelled.deps)).toEqual({
      saved: false,
      path: null,
    });
    expect(cancelled.written).toEqual([]);
    const failing = fakes({ canceled: false, filePath: '/tmp/x.pdf' }, true);
    await expect(saveReportPdf('<p>x</p>', 'r.pdf', failing.deps)).rejects.toThrow(
      'printing failed',
    );
    expect(failing.destroyed).toHaveBeenCalledTimes(1);
    expect(failing.written).toEqual([]);
  });

  test('the print window runs no script and has no Node', () => {
    expect(PDF_WINDOW_OPTIONS).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, javascript: false, nodeIntegration: false },
    });
    expect(reportFileName('Roof A / west', Date.UTC(2026, 11, 4))).toBe(
      'commissioning-Roof-A-west-2026-12-04.pdf',
    );
  });
});
