import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * A height that lets an element end inside the window: from its top to the window's bottom
 * (less `marginPx`), kept between `minPx` and `maxPx`. A chart sized by it shows its bottom
 * axis without scrolling on a short cabinet screen, and stays readable on a phone.
 */
export function useFitHeight(
  ref: RefObject<HTMLElement | null>,
  minPx: number,
  maxPx: number,
  marginPx = 16,
): number {
  const [height, setHeight] = useState(maxPx);
  useLayoutEffect(() => {
    const measure = (): void => {
      const el = ref.current;
      if (!el) return;
      // The top in the page, not the viewport, so scrolling does not change the size.
      const top = el.getBoundingClientRect().top + window.scrollY;
      const room = Math.floor(window.innerHeight - top - marginPx);
      setHeight(Math.max(minPx, Math.min(maxPx, room)));
    };
    measure();
    window.addEventListener('resize', measure);
    // Banners above the chart come and go: follow the element's position as well.
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [ref, minPx, maxPx, marginPx]);
  return height;
}
