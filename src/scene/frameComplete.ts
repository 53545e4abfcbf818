/**
 * Mark `name` when the GPU has really finished the commands submitted so far. A frame's
 * render callback runs when its commands are submitted, not drawn: with software WebGL a big
 * first frame finishes up to seconds later. A WebGL2 fence, polled from the event loop,
 * says when without stalling the page (readPixels would block until then).
 */
export function markWhenGpuDone(gl: WebGLRenderingContext | WebGL2RenderingContext, name: string) {
  // Without a fence, at submission: work waiting for the mark (the first energy evaluation)
  // must not wait forever.
  if (typeof WebGL2RenderingContext === 'undefined' || !(gl instanceof WebGL2RenderingContext)) {
    performance.mark(name)
    return
  }
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0)
  if (!sync) {
    performance.mark(name)
    return
  }
  gl.flush()
  const poll = () => {
    if (gl.isContextLost()) return
    if (gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED) {
      performance.mark(name)
      gl.deleteSync(sync)
    } else setTimeout(poll, 2)
  }
  setTimeout(poll, 0)
}
