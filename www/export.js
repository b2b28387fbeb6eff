// fiscal-lint page · export: the JSON report (the CLI's bytes), the findings CSV, printing, and the rebuilt text of
// files, as downloads.
import { els, download } from './dom.js';
import { state } from './state.js';
import { requestExport } from './engine.js';

function baseName() {
  const n = state.current && state.current.report ? state.current.report.input.name : 'report';
  return (n.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\\/:*?"<>|\s]+/g, '_') || 'report') + '.fiscal-lint';
}

function bindExport() {
  els.exportJson.addEventListener('click', async () => {
    const json = await requestExport('json');
    // The CLI prints the report followed by a newline: the same bytes here.
    if (json !== null) download(baseName() + '.json', 'application/json', json + '\n');
  });
  els.exportCsv.addEventListener('click', async () => {
    const csv = await requestExport('csv');
    if (csv !== null) download(baseName() + '.csv', 'text/csv;charset=utf-8', csv);
  });
  els.print.addEventListener('click', () => window.print());
  els.readTextDownload.addEventListener('click', () => {
    const c = state.current;
    if (c && typeof c.readText === 'string') download(baseName() + '.txt', 'text/plain;charset=utf-8', c.readText);
  });
}

export { bindExport };
