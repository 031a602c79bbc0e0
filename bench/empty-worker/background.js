/* global chrome */
// The baseline of bench section "wake": an MV3 worker that only keeps an alarm, as the app's
// worker does at every start (listener registered synchronously, alarm re-armed).
chrome.alarms.onAlarm.addListener(() => {});
chrome.alarms.get('poll').then((a) => {
  if (!a) return chrome.alarms.create('poll', { periodInMinutes: 1 });
});
