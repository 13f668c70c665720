// plus.audio in a browser: the AudioPlayer of HTML5+ over an <audio> element.
// play(success, error): success fires when playback completes, as in 5+.
export function createAudio(win) {
  function createPlayer(options) {
    const styles = typeof options === 'string' ? { src: options } : { ...(options || {}) };
    const element = new win.Audio();
    element.preload = 'auto';
    const listeners = {};
    let onEnded = null;
    let onError = null;
    const emit = (type, detail) => (listeners[type] || []).forEach((fn) => fn(detail));
    for (const type of ['canplay', 'play', 'pause', 'ended', 'waiting', 'seeking', 'seeked',
      'timeupdate']) {
      element.addEventListener(type, () => emit(type, {}));
    }
    element.addEventListener('ended', () => onEnded?.());
    element.addEventListener('error', () => {
      const detail = { code: element.error?.code ?? -1, message: 'The audio could not be played' };
      emit('error', detail);
      onError?.(detail);
    });
    const setStyles = (next) => {
      Object.assign(styles, next);
      if (next.src !== undefined) element.src = next.src;
      if (next.volume !== undefined) element.volume = next.volume;
      if (next.loop !== undefined) element.loop = next.loop;
      if (next.startTime !== undefined) element.currentTime = next.startTime;
    };
    setStyles(styles);
    return {
      play(success, error) {
        onEnded = success;
        onError = error;
        element.play().catch((e) => {
          if (e.name !== 'AbortError') error?.({ code: -1, message: e.message });
        });
      },
      pause: () => element.pause(),
      resume: () => { element.play().catch(() => {}); },
      stop: () => { element.pause(); element.currentTime = 0; emit('stop', {}); },
      seekTo: (position) => { element.currentTime = position; },
      getDuration: () => (Number.isFinite(element.duration) ? element.duration : undefined),
      getPosition: () => element.currentTime,
      isPaused: () => element.paused,
      setVolume: (volume) => setStyles({ volume }),  // kept in styles, as getStyles reads it
      setRoute() {},
      setStyles,
      getStyles: (key) => (key ? styles[key] : { ...styles }),
      addEventListener: (type, fn) => { (listeners[type] ||= []).push(fn); },
      removeEventListener: (type, fn) => {
        listeners[type] = (listeners[type] || []).filter((f) => f !== fn);
      },
      close: () => { element.pause(); element.removeAttribute('src'); element.load(); },
    };
  }
  return { createPlayer, ROUTE_SPEAKER: 0, ROUTE_EARPIECE: 1 };
}
