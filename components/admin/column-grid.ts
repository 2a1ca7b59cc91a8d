// The fields of a column row (name, address, description, save), shared by
// the rows and their header so they line up; the order buttons sit before them.
export const columnGridClass = 'md:grid-cols-[minmax(0,10rem)_minmax(0,10rem)_minmax(0,1fr)_5rem]';

// The width of the order buttons' column, in the rows and the header.
export const columnOrderClass = 'w-9 shrink-0';
