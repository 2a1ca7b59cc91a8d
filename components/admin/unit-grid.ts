// The columns of the unit list (name, description, users, save), shared by the
// rows and their header so they line up.
export const unitGridClass = 'md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_4.5rem_5rem]';
