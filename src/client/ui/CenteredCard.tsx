import { Box, Center, Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { AppFooter } from './AppFooter';

/** Page frame for screens outside the app shell (login, forced password change). */
export function CenteredCard({ children, topRight }: { children: ReactNode; topRight?: ReactNode }) {
  return (
    <Box mih="100dvh" px="md" py="lg" bg="gray.0">
      <Group justify="flex-end" mb="md">
        {topRight}
      </Group>
      <Center>
        <Box w="100%" maw={420}>
          <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} radius="md">
            {children}
          </Paper>
          <AppFooter />
        </Box>
      </Center>
    </Box>
  );
}
